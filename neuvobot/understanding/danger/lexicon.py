"""Danger concepts as word keys in fi, sv and en (folded: ä→a, ö→o, å→a).

A term is matched against a word's keys (`understanding.words`): its folded surface,
Voikko's base forms and compound parts of every reading, and the Swedish and English
stems.
- `word`      a key equals it: Finnish base forms catch every inflection (`veitsellä` → veitsi)
- `word*`     a key starts with it: stems for words Voikko cannot read (typed without ä/ö)
- `*word*`    a key contains it: a substance or object inside a compound
              (verenpainelääke, spolarvätska, tuulilasinpesuneste)
- `a+b*`      consecutive words (phrases that only mean danger together)

The concepts are the building blocks the categories (`categories.py`) combine; a word
alone is rarely an alarm. Signs and categories follow public first-aid and poison
guidance: Terveyskirjasto/Duodecim first-aid articles, SPR's first-aid instructions,
HUS Myrkytystietokeskus ("Nielty myrkyllinen aine", hus.fi) and Päivystyshelppi
(paivystyshelppi.terveyskyla.fi, "Myrkytys": 112 when there are life-threatening
symptoms, otherwise the Poison Information Centre).
"""

from __future__ import annotations

CONCEPTS: dict[str, str] = {
    # ------------------------------------------------------------------ people
    "child": """
        lapsi lapse* lasten lapsemme lapseni vauva* taapero* poika poja* tytto* tyta*
        kuopus* esikoi* pienokai* muksu* skidi* kakara* vekara* nuori teini* sisko* veli
        velje* pikkusisko* pikkuveli* tenava* 1v 2v 3v 4v 5v 6v 7v 8v 9v 10v vuotias* -vuotias*
        *vuotia* kk viikkoinen
        barn barnet barnen bebis* baby* pojk* flick* dotter doter* dottern son sonen sone*
        smabarn* spadbarn* syster* bror* brorsa* lillebror* lillasyster* tonaring* aring*
        *aring* year+old years+old yo yr+old year
        child* kid kids kiddo toddler* son daughter* infant* boy* girl* newborn* teen*
        brother* sister* grandchild* grandson* granddaughter* lapsenlap*
    """,
    "infant": """
        vauva* vastasynty* imevai* vastasyntyn* 1kk 2kk 3kk 4kk 5kk 6kk 7kk 8kk 9kk 10kk 11kk
        viikkoinen* kuukautinen* kuukauden+ikai* viikon+ikai* kuukautta+vanha* kk-ikai*
        bebis* spadbarn* nyfod* manader+gammal* veckor+gammal* manad+gammal* manadersbebis*
        viikon viikkoa kuukauden kuukautta veckor veckors manader manaders
        baby babies infant* newborn* month+old* months+old* week+old* weeks+old* mo+old
        *manaders*
    """,
    "adult_aggressor": """
        mies miehe* aviomies* puoliso* isa isi isain isapuol* aitipuol* poikaystav*
        tyttoystav* exa* ex entinen naapuri* humala* kanni* kannissa juopunut juoppo
        kannisa seta eno
        man mannen pappa pappan styvpappa* styvfar* pojkvan* flickvan* sambo* partner*
        exet granne* berusad* pappa*
        husband* dad* father* stepdad* stepfather* boyfriend* girlfriend* partner* ex
        neighbour* neighbor* drunk* stranger* uncle* mum* mom* mother* stepmom*
    """,
    "household_victim": """
        minua mua minut mut meita meit meidat meitä aitia aitiä aiti aitii isaa isää
        lasta lapsia vauvaa siskoa veljea velje* pikkusiskoa pikkuveljea tyttoa poikaa
        mummoa mummia ukkia vaimoa vaimo* naista
        mig oss mamma mamman barnet barnen bebisen lillebror lillasyster syster* bror*
        henne honom
        me us my+mom my+mum my+mother my+sister my+brother my+wife the+baby my+baby her him
    """,
    "peer_context": """
        paivakod* paivakot* paivakoti* tarha* eskari* koulu* kerho* muita toisia kaveri*
        kaverei* luokkakaveri* hoitoryhm* leikkipuisto*
        dagis* dagh* forskola* skola* skolan kompis* andra kamrat* klasskompis*
        daycare day+care preschool* kindergarten* school* classmate* others other+kids
        other+children friends
    """,
    # ------------------------------------------------------------------ grammar of time
    "now": """
        nyt juuri just aske* askettain hetki+sitten tallä+hetkella talla+hetkella
        parhaillaan tanaan tana+iltana tana+yona heti minuutti*
        nu just+nu precis alldeles ikvall inatt idag
        now right+now currently tonight at+the+moment this+minute minutes+ago min+ago
        just+now
    """,
    "past": """
        eilen toissapaiva* viime+viikolla viime+vuonna viime+kuussa viime+kesana
        viime+talvena viime+yona viikko+sitten viikkoa+sitten vuosi+sitten vuotta+sitten
        kuukausi+sitten kuukautta+sitten paiva+sitten paivaa+sitten lapsena aikoinaan
        kerran+aiemmin aiemmin en+gang once toissapaivana
        forrgar i+forrgar i+formiddags i+morse igar+kvall i+varas i+somras i+hostas
        i+vintras manad+sen manad+sedan vecka+sen veckor+sen ar+sen dagar+sen manader+sen
        igar forra+veckan forra+aret forra+manaden for+en+vecka for+ett+ar i+fjol
        for+lange+sedan for+nagra+dagar dagar+sedan veckor+sedan ar+sedan
        yesterday last+week last+year last+month last+summer last+winter last+night
        days+ago weeks+ago years+ago months+ago a+while+ago once when+i+was back+then
    """,
    "resolved": """
        kaikki+ok kaikki+hyvin nyt+kunnossa on+kunnossa ok+nyt voi+hyvin vointi+hyva
        leikkii+normaalisti leikkii+taas selvisi toipui toipunut parani
        mar+bra allt+ok allt+bra ar+ok+nu
        is+fine seems+fine fine+now ok+now okay+now recovered is+okay was+fine
        all+good doing+fine
    """,
    "hypothetical": """
        jos miten+toimia mita+tehda+jos mita+teen+jos kuinka+toimia varalta varalle
        mita+jos mista+tietaa hur+vet+man how+do+you+know how+do+i+know ennaltaehka* ehkaisy*
        ehkaista miten+ehkaista miten+tunnistaa tunnistaa
        pitaisiko miten+sailyttaa sailyt* kurssi* ensiapukurssi* turvallis* turvaluk*
        opettaa opetella
        om+barnet vad+gor+man+om tank+om ifall hur+forebygg* forebygg* kurs* forvara*
        hur+vet+man
        if what+if in+case how+to how+do+i+prevent prevent* childproof* store storing
        course first+aid+class* how+would+i what+should+i+do+if what+to+do+if safe+to
    """,
    "dosage": """
        annos* annostus* annostel* kuinka+paljon+saa paljonko+saa paljonko+voi saako+antaa
        voiko+antaa
        mg milligramma* ml
        dos dosering* hur+mycket+kan hur+mycket+far far+man+ge kan+man+ge
        dose dosage* dosing how+much+can how+much+should can+i+give mg ml
    """,
    "fiction": """
        peli* pelaa* pelissa elokuva* leffa* leffassa kirja* sarja* sarjassa uutis*
        uutiset dokumentti* tarina* satu* esitelma* projekti* kotitehtav* fortnite minecraft
        spel* spelar film* filmen boken serie* nyheter* laxa* projekt*
        game* gaming video+game* movie* film* book* series show tv news homework project
        story stories cartoon*
    """,
    "figurative": """
        kuolen+nauru* kuolen+tylsyy* kuolla+nauru* kuolla+hapea* tylsyyteen nauruun
        reagoi+nimeen reagoi+nimelleen reagerar+pa+namn respond+to+his+name
        respond+to+her+name respond+to+name seinat+kaatuu
        hapeasta
        dor+av+skam dor+av+tristess skrattar+ihjal
        dying+of death+of+me killing+me bored+to+death dying+to burned+out burnt+out
        burn+out burnout palaa+loppuun palanut+loppuun loppuun+palanut uupunut
        drowning+in hukun+toihin hukkumassa+toihin hukkumassa+paperi* tukehdun+toihin
        tukehtua+toihin tukehdun+paperi* kvavs+av+jobb* drunknar+i
    """,
    # ------------------------------------------------------------------ breathing
    "breathe": """
        hengittaa hengitta* hengitys* hengity* hengit* henkea henki+ei henkitor*
        andas* andning* andetag* andas andades
        breath* breathe* breathing
    """,
    "choke": """
        tukehtu* tukehdu* tukahtu* kakoo kakoa* meni+vaaraan+kurkkuun vaaraan+kurkkuun
        kvavs* kvav* satt+i+halsen sitter+i+halsen fastnat+i+halsen satter+i+halsen
        chok* gagging suffocat* far+ingen+luft far+inte+luft no+air can't+get+air
        cant+get+air
    """,
    "airway": """
        kurkku* kurkkuu* kurkussa kurkkuun henkitor* nielu* nenaan nenassa nena* sierain*
        halsen halsen hals luftstrup* naan nasan nasa
        throat* windpipe* airway* nose nostril*
    """,
    "stuck": """
        juuttu* jumi* jumissa jaanyt jai+kiinni
        fastnat fast sitter+fast satt+fast
        stuck lodged blocked blocking
    """,
    "blue": """
        sininen sinin* sinisena sinerta* sinertav* harmaa* kalpea* kalvakka
        bla blatt blaa blaaktig* gra*
        blue bluish grey gray
    """,
    "lips_throat": """
        huuli* huule* kieli kielen kielensa kurkku* kurkkuu* nielu* kaula* kurkunpaa*
        lapp* lapparna tunga* tungan halsen hals
        lip lips tongue throat* airway*
    """,
    "face": """
        kasvo* naama* silma* luomet otsa*
        ansikt* ogon* ogonen
        face eyes eyelid*
    """,
    "difficult": """
        vaikea* vaikeu* vaikee* raskas* ahdist* haukko* vinku* rohise* korise*
        svart* tung* flamt* vas* pip* rossl*
        hard difficult* struggl* gasp* wheez* labou* labor* noisy
    """,
    # ------------------------------------------------------------------ consciousness
    "wake": """
        heraa* herat* heratta* herata heraile herailla hereille hereilla herannyt
        vakna* vakn* vackt* vacka*
        wake* waking woke awake* rouse*
    """,
    "react": """
        reagoi* reagoin* liiku liikkua liikahda*
        reagera* rora ror
        respond* react* responsive move moving answer* svarar
    """,
    "unconscious": """
        tajut* tajuton tajuttom* tajunnaton* tajuissaan+ei tajunsa taju+meni taju+lahti
        pyorty* elotto* elottoma* lyyhisty* romahti veltto* veltoksi velto* lerppu*
        retku* nuutunut ei+tajuissaan menetti+tajun* tajunta* reagoimaton*
        medvetslos* svimm* slapp* slo livlos* kollaps* daneat* segnade* avsvimm* trasdock*
        helt+borta helt+vaek ihan+poissa ihan+veltto rag+doll
        unconscious* unresponsive* faint* passed+out collaps* lifeless limp floppy
        blacked+out keeled+over
    """,
    "collapse": """
        lyyhisty* lysahti lyyhahti romahti valahti
        foll+ihop segnade kollapsade ramlade+ihop
        collapsed fell+down dropped+to dropped keeled
    """,
    # ------------------------------------------------------------------ seizure
    "seizure": """
        kourist* *kourist* *epilepsiakohtau* epileptinen+kohtaus nytkii nytkyttaa jaykisty* jaykkana
        silmat+muljah* silmat+pyorii
        kramp kramper krampanfall* *krampanfall* epileptiskt+anfall rycker+i+hela skakar+i+hela
        epikohtau* *epikohtau* kramppaa+lattialla kramppaa nykii+koko nykii+kaikki
        koko+kroppa+nykii tarisee+lattialla nytkahtel* steln* stelnade anfall fick+ett+anfall
        rycker ryck* feberkramp* *feberkramp*
        seizure* seizing convuls* epileptic+fit shaking+all+over having+a+fit went+stiff
        jerking+and stiff+and twitching+and body+went+stiff whole+body+is+shaking
    """,
    "continues": """
        jatkuu jatkun* kestaa kestan* ei+lopu ei+lakkaa ei+loppu* yli+viisi minuuttia
        minuuttia min pitkaan toinen+kohtaus uudestaan
        fortsatter slutar+inte minuter langre
        won't+stop not+stopping keeps minutes still+going again
    """,
    # ------------------------------------------------------------------ bleeding
    "blood": """
        veri veren verta veressa verinen verise* verenvuo* *verenvuo* tyrehd* verta+tulee
        vuotaa+verta vuotaa+paljon
        blod* blod bloder blodar blodning* blodig*
        blood* bleed* bled bloody
    """,
    "severe_bleeding": """
        paljon tosi+paljon hirvea* kamala* valtava* runsa* lakkaa tyrehdy* tyrehtymat*
        suihku* pulppu* purskua* pursua* lattia+taynna taynna syva* syvan syvalle
        valtimo* ammottava* lapimar* kaikkialle koko+ajan ei+lopu ei+lakkaa
        mycket *mycket* kraftig* sprut* slutar+inte djup* overallt forsar pulsera* massor
        so+much much+blood lots+of+blood pumppaa kalpenee kalpea
        a+lot lots heavily heavy badly gushing spurting pouring everywhere deep
        won't+stop wont+stop doesn't+stop not+stopping soaked
    """,
    "wound": """
        haava* viilto* viilsi leikkas* leikkaa* vetas* puukotettu puukott* pisto+haava
        sar sart skar+sig skurit skarsar* djupt+sar hugg djupt+hugg
        cut cuts wound* gash* slashed stabbed laceration*
    """,
    # ------------------------------------------------------------------ burns
    "burn_injury": """
        palovamm* *palovamm* poltti+itsen* polttanut+itsen* poltti+kate* poltti+sorm*
        kiehuva* kiehuvaa rakkulo* rakkula* palovammo*
        syovyttav* kemiallinen+palovamma
        brannskad* brann* brande+sig brant+sig skalld* skall* kokhet* blasor
        burn burns burned burnt scald* blister* boiling
    """,
    "hot": """
        kuuma* kuumaa kuumalla tulikuuma* kiehuva* hoyry* liesi* liede* hella* uuni*
        kahvi* tee teeta vedenkeitin* kattila* rasva* oljy* silitysrau* takka* grilli*
        sauna* kiuas* kiukaa*
        het* hett varm* kokande kaffe* te spis* ugn* kittel* kastrull* stryk*
        hot boiling coffee tea kettle stove pan pot iron fireplace grill sauna
    """,
    "spill_contact": """
        kaatui kaatu* kaatanut kaatoi lensi paalle paalleen iholle koski koske* tarttui
        kosketti nojasi istui
        spilld* spillde valte+ut over+sig rorde tog+pa
        spilled spill* knocked touched grabbed pulled+over all+over tipped
    """,
    "fire": """
        tulipalo* palaa+talo talo+palaa asunto+palaa savu* savua liekki* liekeissa
        tulessa tuli+irti
        brinner brand+i eld+i rok+i lagor
        syttyi+tuleen tuleen leimahti tuli+irti fattade+eld flammade+upp
        fire on+fire flames smoke burning+house caught+fire
    """,
    # ------------------------------------------------------------------ water
    "drown": """
        hukku* hukkumassa hukkui hukkunut veden+alla veden+alle pinnan+alla pinnan+alle
        jaihin jaiden+lapi jaan+lapi jaahan putosi+jaihin avanto* vetta+keuhkoihin
        drunkn* under+vattnet genom+isen i+vaken gick+igenom+isen
        drown* underwater under+water through+the+ice face+down
    """,
    "water": """
        vesi vetta vedessa vedesta veteen jarvi* jarve* meri meressa mereen uima-allas*
        uima* allas* altaa* amme* kylpyamme* avanto* joki* joe* oja* laituri* jaa jaalla
        jaalle jaalta jaahan
        vene* veneesta laituri* laiturilta uimaranta*
        vatten vattnet sjo* sjon pool* badkar* *badkar* badet havet hav isen ravin strand*
        brygg* bat baten dike* diket *dike* plaskdamm* *damm*
        bassang* alv*
        water pool lake bath* tub sea river pond ice dock pier boat ditch
    """,
    "pulled_out": """
        nostettiin nostin nostettu veti+ylos vedettiin sain+ylos lojettiin loysin+lapsen
        kellui kelluu kellu* saatiin+ylos nostin+ylos vedin+ylos flyt* flyter
        dragit+upp fick+upp pulled
        drog+upp tog+upp drogs+upp hittade+honom hittade+henne flot
        pulled+out pulled+him pulled+her got+him+out got+her+out found+him found+her
        floating
    """,
    # ------------------------------------------------------------------ electricity
    "electric_shock": """
        sahkoisk* *sahkoisk* sai+sahkot sai+sahkoiskun sahkot+lapi iski+sahkot sahkoa+kulki
        virta+kulki sai+virtaa sai+sahkoa sahkoistu* sahkoon+kiinni jai+kiinni+sahkoon
        fick+strom* fick+en+stot fick+stot elstot* sai+iskun electricut* electrocut* *elstot*
        stot+fran strommen+gick fast+i+strom*
        electric+shock* electrocut* got+shocked got+a+shock shocked+by+the
        stuck+to+the+wire
    """,
    "electric_device": """
        pistorasia* *pistoras* sahkojohto* *sahkojohto* johto johdon johtoon johtoa
        sahkolaite* jatkojohto* laturi* *laturi* sahkokaapp* muuntaja* voimalinja*
        sahkopaimen* sahko sahkon sahkoa
        eluttag* uttag* uttaget sladd* *sladd* kabel* laddare* elskap* ledning*
        socket* outlet* plug* wire* cable* charger* power+line* fuse+box extension+cord
        electric+fence sahkoaita* *sahkoaita* elstangsel* vahvistin* *vahvistin* harfon* fon
        hiustenkuivaa* *hiustenkuivaa* hairdryer* amplifier*
    """,
    "shock": """
        isku iskun iski iskenyt nytkahti jai+kiinni pamahti kipinoi* kipina* sahkot
        stot stoten fick+strom* small+till gnistor*
        shock shocked zapped sparks spark jolt
    """,
    # ------------------------------------------------------------------ falls and injuries
    "fall": """
        putos* pudo* pudonn* putoa* tippu* tipahti tippun* kaatui kaatu* lensi lentanyt
        tomahti romahti liukastu* kompastu* mottasi mottas* lyhahti retkahti
        foll fallit ramla* trilla* halkade snubblade
        fell fall* falling tumbled slipped tripped
    """,
    "height": """
        hoitopoy* *hoitopoy* poydalta poydan poyda* trampoliin* parvek* ikkuna* ikkunast*
        porta* rappu* rappusi* kerrossan* ylasank* sangylta sanky* tuoli* tikkai* katolta
        katto* puusta puu kiipeilyteline* korkealta kiipei* liukumaki* keinu*
        skotbord* bord* studsmatt* balkong* fonster* trapp* vaningssang* tak* trad*
        klattra* stol* gunga*
        changing+table table trampoline* balcony window* stairs staircase steps bunk* bed
        roof tree ladder climbing+frame high+chair highchair slide swing chair
    """,
    "head": """
        paa paahan paansa paata paan takaraivo* otsa* ohimo* niska* kaula* selka* selkaranka*
        kallo* aivo*
        huvud* huvudet nacke* rygg* skall* panna*
        head heads skull neck spine back forehead temple
    """,
    "injury_severe": """
        oksent* oksen* yrjo* sekav* sekaisin ei+tunnista uneli* tokkur* tokkurai*
        pyortyi ei+liikuta ei+pysty+liikuttama* ei+tunne ei+saa+liikutettua
        murtu* murtun* murtuma* luu+nakyy luu+pistaa luu+tyontyy vinossa vaarassa+asennossa
        epamuodostu* tajunta* tajuttom* ei+muista verta+korvasta verta+nenasta
        pupill* huimaa jaykka+niska unin* tosi+unine niskaan+sattuu ei+pysty+seisomaan
        turvonnut+paa kuhmu+kasvaa
        krak* spyr* forvirr* dasig* sommig* kan+inte+rora bruten brutit benbrott* benet+sticker
        sned* kanner+inte svimmade
        vomit* throw+up throwing+up threw+up confused drowsy sleepy can't+move cannot+move
        won't+move broken fractur* bone+sticking bent+wrong numb dizzy disoriented
        not+making+sense slurr* unequal
    """,
    "fracture": """
        murtu* murtun* murtuma* luu+nakyy luu+pistaa luu+tyontyy
        bruten brutit benbrott* benet+sticker+ut sticker+ut+ett+ben fel+hall
        broken+bone broken+arm broken+leg fractur* bone+sticking+out
    """,
    "head_hit": """
        loi+paansa loi+paan lyonyt+paansa paa+edella loi+paan+kiveen loi+paata iski+paansa
        kolautti* kopautti* kolaut* kopaut*
        kolhais* paa+edella paalleen+lattiaan
        slog+huvudet slagit+huvudet slog+i+huvudet
        hit+his+head hit+her+head hit+their+head bumped+his+head bumped+her+head
        banged+his+head banged+her+head head+first landed+on+his+head landed+on+her+head
    """,
    # ------------------------------------------------------------------ ingestion
    "ingest": """
        syoda syo syonyt syony syonyt soi nielaista nielaisi nielais* niella niel* nieli
        niellyt niellyt nielly juoda joi juonut juonu juo maistaa maistoi maistanu* maistanut
        maisto* nuolla nuoli nuollut nuollu nuolaisi nuolais* imeskel* imeskeli imi pureskel*
        suuhun* puri purrut purra bet bitit bit+into bit+in bitten
        pureskeli pures* jyrsi* napsi* popsi* otti+suuhun suuhun laittoi+suuhun suussa
        mussutti* mutusti* natustel* ahmi* hotkai*
        atit ater ata svalde svalj* svalt druck* drack dricker slick* slickade tugg*
        tuggade fick+i+sig fatt+i+sig fick+i+sej stoppade+i+munnen i+munnen smakade smaka*
        ate eaten eat eats eating swallow* drank drunk drink* lick* chew* chewed ingest*
        gulped put+in+his+mouth put+in+her+mouth in+his+mouth in+her+mouth
        popped got+into sucked sucking mouthful
    """,
    "medicine": """
        laake *laake* laakk* *laakk* laakkei* tabletti* *tabletti* *tabletit* tableti*
        tabl* pilleri* pilleree* pillerei* kapseli* burana* panadol* parasetamol* pamol*
        ibuprofe* *laakkeita* unilaak* rautatableti* vitamiin* kipulaak* verenpainelaak*
        mielialalaak* adhd-laak* opioid* tramadol* litium* insuliini* antidepressant*
        resepti+laak* dosett* annostelija* lääkepurk* laakepurk* kourallinen
        medicin* *medicin* tablett* *tablett* piller* vark* varktablett* alvedon* ipren*
        sovtablett* blodtrycksmedicin* jarntablett* vitamin* mediciner* burk+med
        pill pills *pills* tablet* *tablet* meds medicine* medication* paracetamol*
        ibuprofen* tylenol* advil* aspirin* painkiller* antidepressant* sleeping+pill*
        iron+tablet* vitamins gummies blood+pressure
    """,
    "chemical": """
        pesuaine* *pesuaine* *pesuneste* *sytytysneste* *jaahdytinneste* *lasinpesu* tiskiaine*
        *tiskiaine* konetiski* *konetiski*
        tiskikone* *tiskikonetab* pyykinpesu* *pyykinpesu* *pesukapseli* pesukapseli*
        kapseli* kloori* *kloori* valkaisu* *valkaisu* viemari* *viemarinavaaja*
        lamppuolj* *lamppuolj* *moottoriolj* sytytysnest* bensa* bensiini* *bensiini* myrky*
        *myrkky* *myrkyt* rotanmyrk* kemikaal* *kemikaali* liuotin* *liuotin* tinneri* happo*
        *happo* lipea* *lipea* ammoniak* desinfi* kasidesi* asetoni* *kynsilakanpoist*
        puhdistusaine* *puhdistusaine* *puhdistus* *huuhteluaine* jaanesto* *jaahdytin*
        pakkasnest* *pakkasneste* tuulilasi* *tuulilasi* saippu* *saippua* valkasu*
        *huuhtelukirkaste* *kirkaste* huuhtelukirkaste* avloppsrens* *avloppsrens*
        wc-aine* wc-puhdist* *wc* *kalkinpoist* *uuninpuhdist* *torjunta* *hyonteismyrk*
        tvattmedel* *tvattmedel* diskmedel* *diskmedel* diskmaskin* *diskmaskin* *tablett*
        klorin* *klorin* blekmedel* *blek* lampolja* *lampolja* tandvatska* *tandvatsk* *kylarvatsk*
        propplos* *propplosare* giftig* rattgift* kemikal* *kemikal* bensin* *bensin*
        rengorings* *rengorings* spolarvatsk* *spolarvatsk* frostskydds* *frostskydd*
        tvattkaps* *tvattkaps* *kapsel* aceton* handsprit* *sprit* tval*
        bleach* detergent* pod pods laundry+pod* dishwasher* washer+fluid windscreen* windshield*
        antifreeze* lamp+oil lighter+fluid drain+cleaner* chemical* poison* cleaner*
        cleaning* laundry* tide+pod* white+spirit acetone* nail+polish* paint* glue
        turpentine* petrol* gasoline* kerosene* ammonia* lye* disinfect* sanitiser*
        sanitizer* soap* weed+killer* pesticide* rat+poison* fabric+softener
    """,
    "nicotine": """
        nikotiini* *nikotiini* nuuska* *nuuska* tupak* *tupakka* tump* *tumppi* sahkotupak*
        vape* veippi* veipp* nikotiinipuss* *pussi* sikari*
        snus* *snus* nikotin* *nikotin* cigarett* *cigarett* fimp* *fimp* vejp* e-cig*
        nicotine* snus pouch* pouches cigarette* cigar* vape* vaping e-liquid*
        juul* zyn cigarette+butt*
    """,
    "alcohol": """
        alkoholi* viina* vodka* viini* kalja* olut* oluet* kossu* lonkero* siideri* liköör*
        likoor* konjak* kirkas+viina votka*
        alkohol* sprit* vin vinet ol olet vodka* cider* likor* brannvin*
        alcohol* vodka wine beer liquor* whisky* whiskey* rum gin cider
    """,
    "plant_mushroom": """
        sieni sienia sien* *sieni marja* *marja* kasvi huonekasvi* *huonekasvi* myrkkykasvi*
        kielo* koiranputk* myrkkysien* myrkkymarja* valkokarpas* korvasien*
        svamp* *svamp* bar vaxt krukvaxt* *krukvaxt* liljekonvalj* flugsvamp*
        mushroom* toadstool* berry berries plant plants leaves houseplant*
    """,
    "drugs": """
        huume* *huume* kannabis* pilvi* amfetamiini* ekstaasi* kokaiini* lsd gramma*
        drog* droger* cannabis* hasch* knark* ecstasy* kokain* amfetamin*
        drugs drug weed edible* gummy+bear* ecstasy molly cocaine* cannabis* thc
    """,
    "poisoned": """
        myrkyty* *myrkytys* myrkytt* yliannost* yliannos* *yliannos*
        forgift* forgiftning* overdos*
        poisoned poisoning overdos* od+d od'd
    """,
    "battery": """
        paristo* *paristo* nappiparisto* *nappiparisto* nappiparis* patteri* *patteri*
        litiumparisto* kolikkoparisto* akku akun
        batteri* *batteri* knappcell* *knappcell* knappbatteri* myntbatteri*
        batter* button+cell* coin+cell* lithium+cell* button+batter* coin+batter*
    """,
    "magnet": """
        magneet* *magneet* magneetti* magneettikuul* magneettipall*
        magnet* *magnet* magnetkul*
        magnet* magnetic* buckyball*
    """,
    "symptom": """
        oksent* oksen* yrjo* uneli* tokkur* tokkurai* sekav* sekaisin kouristel*
        kourist* hengitysvaik* hengitta+vaikea* ei+heraa vaikea+heratta* tajuton
        tajuttom* pyorty* veltto* kalpea* hikoil* kuolaa* kuolaa+paljon kipea+vatsa
        vatsakip* vatsa+kipea yskii yskia yskimista polttaa+suuta suu+polttaa kurkku+kipea
        huulet+turvoksi punoittaa turvonnut pahoinvoi* huono+olo huimaa outo* horjuu
        lapset+itkee itkee+kovaa kiemurtelee kramppa*
        kraks* kraktes kraker spyr* dasig* trott+och yr* konstig* ont+i+magen ont svimm*
        bleker hostar dreglar
        vomit* throwing+up threw+up sick drowsy sleepy dizzy confused sweating drooling
        coughing cough* tummy+ache stomach+ache stomachache pain* pale weird wobbly
        burning+mouth crying+in+pain not+acting+right acting+strange lethargic
    """,
    # ------------------------------------------------------------------ allergy
    "swell": """
        turpo* turvo* turvot* turvoks* turvonn* paisuu paisunut paisui pullist*
        svull* svullnad* svallde* svullnar
        swell* swollen swelled puff* puffy closing tight sulkeutuu menee+umpeen
        umpeutu* sluter+sig stora huge paksu* paksuuntu*
    """,
    "allergy_trigger": """
        allerg* *allerg* anafyla* *anafyla* ampiai* *ampiainen* mehilai* herhilai* kimalai*
        pisti pistos* pistoi pisto *pisto* paahkina* *pahkina* maapahkin* cashew* manteli*
        kananmuna* kala katkarap* adrenaliini* adrenaliinikyna* epipen* nokkosihot*
        nokkosrokko* kutina
        allergi* *allergi* anafyla* geting* bi+stack stack nott* notter
        jordnot* cashew* mandel* agg adrenalin* epipen* nasselutslag*
        allerg* anaphyla* bee wasp hornet* sting* stung nut nuts peanut* cashew* almond*
        shellfish shrimp egg* adrenaline epipen* epi+pen hives
    """,
    "anaphylaxis": """
        anafyla* *anafyla* anafylaktinen* allerginen+sokki allergiasokki* adrenaliinikyna*
        anafylax* allergisk+chock*
        anaphyla* allergic+shock epipen+now
    """,
    # ------------------------------------------------------------------ fever in a baby
    "fever": """
        kuume* *kuume* kuumei* kuumee* lampo* lampoa 38 39 40 41 38,5 39,5 40,5 38.5 39.5
        40.5 asteen asteinen astetta
        feber* febr* grader
        fever* feverish temperature temp degrees
    """,
    "infant_red_flag": """
        veltto* velto* lerppu* retku* ei+heraa vaikea+heratta* vaikee+heratta* ei+saa+herattya
        ei+saa+hereille uninen* unelias* tokkur* ei+reagoi ei+syo ei+juo ei+ime ei+suostu+syomaan
        ei+ole+pissannut ei+pissaa ei+pissannut pissannut kuiva* kuivat+vaipat kuiva+vaippa
        kimea* kimeaa kimee* vinkuva* aukile* gra+i+huden grahud* tittar+inte barely pullott*
        pullistu* harmaa* laikuk* marmori* sinerta*
        pilkku* pisteit* tapli* laiku* mustelma* ei+haalistu haalistu* ei+haviaa
        lasin+alla lasikoe* painettaessa ei+vaalene vaalene* niska+jaykka jaykka+niska
        slapp* vaknar+inte svar+att+vacka svarvackt* dasig* ater+inte vagrar+ata diar+inte
        inga+vata+blojor torra+blojor torr+bloja kissat gall* fontanell* prickar* flackar*
        bleknar+inte forsvinner+inte glas* stel+nacke
        floppy limp won't+wake wont+wake hard+to+wake difficult+to+wake not+waking lethargic
        unresponsive not+feeding won't+feed wont+feed refusing+feed* not+drinking
        dry+nappy dry+nappies dry+diaper* no+wet no+pee* hasn't+peed high+pitched
        fontanel* soft+spot bulging spots rash+doesn't+fade doesn't+fade don't+fade
        not+fading glass+test purple+spots blotchy mottled stiff+neck grey blue
    """,
    "non_blanching": """
        ei+haalistu ei+haviaa+painettaessa ei+vaalene lasin+alla lasikoe* lasi+paalla
        ei+lahde+painamalla pysyy+vaikka+painaa
        bleknar+inte forsvinner+inte+nar glaset+test* glastest*
        doesn't+fade don't+fade not+fading won't+fade glass+test under+a+glass
        doesnt+fade dont+fade wont+fade
    """,
    # ------------------------------------------------------------------ self-harm
    "suicide": """
        itsemurh* *itsemurh* itsaria* itsari* tappaa+itse* tapan+itse* tappaisin+itse*
        tappanut+itse* lopettaa+elama* lopettaa+kaiken lopetan+kaiken lopettaa+kaik*
        paattaa+paiva* paattaa+elama* paatan+paiva* paattaa+kaiken paatan+kaiken
        hirttaa+itse* hirttay* hirtta* junan+alle riistaa+henke* riistan+henke*
        viiltelee viiltel* viillella viillan viilsin viiltaa+itse* viillan+itse*
        i'm+cutting im+cutting cutting+myself skar+mig skurit+mig viiltoja+rannee* rannevii*
        ranteet+auki
        satuttaa+itse* satuttaa+itsea* vahingoittaa+itse* itsetuho* *itsetuho*
        kuolla+pois haluan+kuolla haluun+kuolla haluaa+kuolla haluis+kuolla haluaisin+kuolla
        toivoo+kuolevansa toivon+etta+kuolisin kuolla+haluan kuolema+houkuttel*
        sjalvmord* *sjalvmord* ta+livet+av tar+livet+av tagit+livet+av tog+livet+av
        gor+sig+illa gora+sig+illa gjort+sig+illa
        vill+do ville+do vill+inte+leva orkar+inte+leva skar+sig skara+sig skadar+sig
        skada+sig hanga+sig hoppa+framfor hoppa+fran sjalvskad*
        suicid* kill+myself kill+himself kill+herself kill+themselves killing+myself
        end+my+life end+his+life end+her+life end+it+all end+it end+things want+to+die
        wants+to+die wanna+die going+to+die+tonight self+harm* self-harm* selfharm*
        cutting+herself cutting+himself cutting+myself cut+herself cut+himself cut+myself
        hurt+myself hurt+herself hurt+himself hang+myself hang+himself hang+herself
        hanging+himself hanging+herself jump+off jump+in+front jumping+off
        not+be+here+anymore not+wake+up+tomorrow
    """,
    "live": """
        elaa elaa elama* elaman elamaa elaa+enaa eleleminen hengissa olla+olemassa
        olemassa jaksa jaksaa jaksa+enaa jaksan
        leva lever livet orka orkar finnas+till finnas
        live living life alive exist go+on be+here
    """,
    "want": """
        halua halu* haluaa haluan haluat haluis haluais haluaisi jaksa* jaks*
        vill vill ville orkar orka
        want wants wanna wanted
    """,
    "die": """
        kuolla kuolen kuole* kuolis* kuolisin kuolisi kuolema*
        kuolevansa loppuu loppuvan loppuis nukkua+ikuisesti nukahtaa+pois
        dod doden ta+slut sova+for+alltid
        die dying dead death end to+end sleep+forever disappear+forever
    """,
    "better_without": """
        paremmin+ilman parempi+ilman parempi+ilman+mua parempi+ilman+minua
        paremmin+ilman+mua paremmin+ilman+minua parjais*+ilman parjaa*+ilman
        olen+taakka olen+vain+taakka oon+taakka ei+kukaan+kaipaa kukaan+ei+kaipaa
        battre+utan+mig klarar+sig+battre+utan ar+en+borda
        better+off+without better+without i'm+a+burden im+a+burden nobody+would+miss
        no+one+would+miss
    """,
    "farewell": """
        hyvast* jaahyvai* hyvastiviest* kirjoitti+kirjeen antoi+pois+tavaransa
        viimeinen+viesti anteeksi+kaikki anteeksi+kaikilta pyytaa+anteeksi pyysi+anteeksi
        viimeinen+kerta jattaa+hyvastit
        avskedsbrev* sa+hejda farval* sista+meddelande* ledsen+for+allt forlata+henne
        forlata+honom forlata+mig ta+hand+om+barnen sista+gangen
        goodbye+message goodbye+letter suicide+note gave+away said+goodbye final+message
        sorry+for+everything won't+be+needing last+time+we take+care+of+the+kids
    """,
    "jump_height": """
        hypata hyppaa hyppaan hyppaisi hyppaamaan hyppy* silta* sillalta sillalle katolta
        katolle parvekkeelta parvekkeelle kerroksesta ikkunasta kalliolta junan
        hoppa hoppar bro* bron taket balkongen fonstret stupet tag taget
        jump jumping bridge roof rooftop balcony ledge cliff train window
    """,
    "handful_pills": """
        kourallinen kourallisen koko+purkin koko+purkki koko+paketin purkillisen
        kaikki+laakkeet kaikki+pillerit kaikki+tabletit ison+maaran ison+maaran+laakk*
        liikaa+laakkeit* liikaa+tablett* liikaa+pillerei* monta+tablettia kymmenen+tabl*
        en+hel+burk hela+burken massa+tabletter handfull* handfull+tabletter for+manga
        handful whole+bottle whole+pack* all+her+pills all+his+pills all+my+pills
        too+many+pills lots+of+pills bunch+of+pills a+bunch+of+pills
    """,
    "locked_in": """
        lukinnut+itsensa lukitsi+itsensa lukittautu* lukitsin+itseni lukossa
        lasst+in+sig lasst+sig lasta+in+sig lasste+in+sig
        locked+himself locked+herself locked+themselves locked+myself locked+in
    """,
    # ------------------------------------------------------------------ violence
    "hit": """
        lyoda lyo lyo* loi lyonyt lyony hakata hakkaa hakkaa* hakkas* pieksa* piekse*
        potkia potkii potki* kuristaa kurist* ravistaa ravist* ravisteli* ravistel*
        heitella heittelee heitteli heitta* repii repi* tonii
        tonaisi tonas* tuuppaa tuuppas* riehuu riehua raivoaa raivo* kay+kasiksi
        pahoinpitel* pahoinpitely* *pahoinpitel* lasaut* lapsi+lyo* tukistaa tukist*
        mukiloi* runtel* raiskaa* raiskas* hyvaksikayt* ahdistel* kiusaa+fyysisesti
        kuristi kuristanut
        sla slar slog slagit misshandl* sparka* sparkar stryp* strypa* kasta* kastar kastade
        knuffa* rycker+i hotar hota* valdtar* valdta*
        gar+los+pa smalla* smallde ger+stryk stryk
        hit hits hitting beaten beating beats punch* kick* choking+her choking+him choking+me
        shoving
        strangl* throwing+things throws+things threw+things throw* push* shov*
        slap* attack* assault* abus* rape* raping molest* hurting+her hurting+him
        hurting+me hurting+us grabbing smash*
    """,
    "weapon": """
        veitsi veits* puukko* puuk* ase aseella aseen asetta pistooli* haulikko* kivaari*
        kirves kirvee* kirvest* lekka* pesapallomaila* maila
        kniv* kniven vapen pistol* gevar* yxa* yxan basebolltra*
        knife knives gun guns pistol* rifle* weapon* axe hammer bat
    """,
    "threat": """
        uha* uhkaa uhkailee uhkaili uhkas* uhkailu* uhannut tappaa jaga* jagar jahtaa* tapan
        tappaa+meidat
        tappaa+mut tappaa+minut tappaa+lapset tappaa+aidin tappaa+kaikki heiluttaa
        heiluttelee heilutt* kadessa osoittaa
        hotar hota hotade doda dodar hota+att+doda viftar viftade
        threaten* threat* kill kill+us kill+me kill+her kill+mum kill+mom waving pointing
    """,
    "intruder": """
        murtau* murtautu* tunkeutu* tunkeili* yrittaa+sisaan yrittaa+tulla+sisaan
        hakkaa+ovea potkii+ovea paukuttaa+ovea rikkoo+oven tuli+sisaan+vakisin
        bryter+sig+in bryta+sig+in forsoker+bryta forsoker+ta+sig+in bankar+pa+dorren
        sparkar+pa+dorren
        breaking+in break+in broke+in intruder* trying+to+get+in banging+on+the+door
        kicking+the+door forcing+the+door
    """,
    "shake_baby": """
        ravistaa+vauvaa ravisteli+vauvaa ravistelee+vauvaa ravistaa+lasta ravisteli+lasta
        ravistelee+lasta ravistelee+sita ravistaa+sita
        skakar+bebisen skakade+bebisen skakar+barnet skaka+bebisen
        shaking+the+baby shook+the+baby shaking+baby shaking+my+baby shake+the+baby
    """,
    "fear_hiding": """
        piilossa piiloudu* piiloon pelkaan pelottaa hatahuuto* huutaa+apua huusi+apua
        auttakaa kauhea+meteli meteli* rysinaa huutoa kirkuu kirkumis* itkee+ja+huutaa
        gomt gommer+mig gomde radd* skrik* skriker hjalp+oss
        hiding hide scared terrified screaming screams yelling+for+help help+us
        crying+and+screaming
    """,
    # ------------------------------------------------------------------ missing
    "missing": """
        kadonnut kadonnu kadoksi* kadoks* katosi katoi kateissa teilla+tietymatto*
        ei+loydy en+loyda emme+loyda ei+loytynyt en+loyda+lasta
        eksyi eksynyt eksyny eksyksi* hatosi havisi havinnyt karkasi karannut karannu
        lahti+karkuun ei+ole+tullut+kotiin ei+tullut+kotiin ei+oo+tullut+kotiin
        ei+vastaa+puhelim* ei+ole+kuulunut ei+oo+kuulunu
        forsvunn* forsvann borta hittar+inte hittar+henne+inte hittar+honom+inte
        inte+kommit+hem kom+inte+hem gatt+vilse gick+vilse vilse rymt* sprang+ivag
        havis* havinnyt havinny ei+nakyny ei+nay ei+nakynyt ei+ole+palannut ei+oo+palannu
        ei+oo+tullu ei+tullu ei+tullut ei+ole+tullut ei+ole+kotona ingen+vet+var
        ingen+vet+vart hittar+int hittar+henne+inte hittar+honom+inte ar+borta e+borta
        gatt+ivag gatt+ut sprang+ivag
        lost+my is+gone+from gone+from isn't+at+home isnt+at+home not+at+home
        nobody+knows+where no+one+knows+where walking+alone wandering+alone alone+along
        missing is+lost got+lost are+lost lost+in can't+find cant+find cannot+find
        hasn't+come+home hasnt+come+home
        didn't+come+home didnt+come+home not+come+home wandered+off ran+away run+away
        disappeared vanished gone+missing nowhere+to+be+found not+answering
    """,
    "stranger": """
        vieraan vieras* tuntemattoman tuntematon* outo+mies auto* autoon kyyti*
        framling* okand* bil* bilen
        stranger* unknown+man man+in+a+car car
    """,
    "ice": """
        jaa jaalla jaalle jaalta jaahan jaihin jaiden avanto* heikko+jaa
        isen isen isen is+pa
        ice frozen+lake thin+ice
    """,
    "no_air": """
        saa+henke* saa+ilma* saa+happea saa+henkea tule+aanta pysty+hengittamaan
        far+luft
        get+air get+any+air get+a+breath catch+his+breath catch+her+breath
    """,
    "no_answer": """
        ei+vastaa eika+vastaa ei+vastaa+mitaan ei+puhu eika+puhu ei+saa+yhteytta
        svarar+inte pratar+inte
        not+answering won't+answer doesn't+answer isn't+answering not+talking
    """,
    "ingest_or_take": """
        syoda syo soi syonyt syony niella niel* nieli nielaisi nielais* joi otti ottanut
        ottanu otin vetanyt veti vetaisi nappasi popsi* napsi*
        tog tagit at atit svalde svalt
        took taken swallowed ate has+taken downed
    """,
    "intent": """
        aikoo aikovansa aion aiot suunnittel* uhkaa uhkailee uhkasi meinaa meinasi
        haluaa haluu haluan aikomus* tana+yona tanaan tana+iltana kohta
        tanker ska planerar hotar vill ikvall inatt
        going+to gonna plans planning plan threaten* tonight wants wanna about+to
    """,
    "kill_word": """
        tappaa tappaa+mut tappaa+minut tappaa+meidat tappamaan tapan tapetaan
        doda doda+mig doda+oss dodar
        kill kill+me kill+us killing
    """,
    "ear_nose": """
        nenaan nenassa nenaansa sieraimeen sieraime* korvaan korvassa korvaansa
        nasan naesan naan orat orat orat i+orat
        nose nostril* ear ears
    """,
    "small_child": """
        vauva* taapero* imevai* vastasynty* 1v 2v 3v 4v 5v 1-vuotias* 2-vuotias*
        3-vuotias* 4-vuotias* 5-vuotias* yksivuotias* kaksivuotias* kolmevuotias*
        nelivuotias* viisivuotias* 1kk 2kk 3kk 4kk 5kk 6kk 7kk 8kk 9kk 10kk 11kk
        bebis* smabarn* spadbarn* ettaring* tvaaring* trearing* fyraaring* femaring*
        baby babies toddler* infant* newborn* 1yo 2yo 3yo 4yo 5yo year+old years+old
    """,
    "young_infant": """
        vastasynty* vastasyntyn* 1kk 2kk 3kk 1+kk 2+kk 3+kk viikkoinen* viikon+ikai*
        viikkoa+vanha* kuukauden+ikai* 2-viikkoinen* 3-viikkoinen* 1-kuukautinen*
        2-kuukautinen* nyfod* veckor+gammal* vecka+gammal* manad+gammal* nyfodd*
        newborn* week+old* weeks+old* month+old one+month+old two+month+old 6+week* 8+week*
    """,
    "despair": """
        en+jaksa+enaa ei+jaksa+enaa en+jaksa+mitaan en+kesta+enaa ei+kesta+enaa ei+kesta
        ei+nae+mitaan+syyta ei+nae+syyta ei+mitaan+syyta+jatkaa ei+ole+mitaan+syyta
        ei+jaksa+elaa en+jaksa+elaa en+kesta
        orkar+inte+mer orkar+inte+langre orkar+int+mer klarar+inte+mer ingen+mening
        i'm+done im+done can't+go+on cant+go+on can't+take+it+anymore cant+take+it+anymore
        no+reason+to+live no+point+in+living no+point+anymore can't+do+this+anymore
        give+up giving+up
    """,
    "means": """
        koysi* koyden koytta partatera* *partatera* tera teran terat veitsi veitsen puukko*
        sillalla raiteilla raiteille radalla kiskoilla katolla reunalla
        kaiteella rautatiesillalla pilleri* laakkeet* tabletit ase
        rep repet rakblad* *rakblad* kniv* ralsen sparen taket kanten
        rope razor* blade* knife pills gun tracks ledge edge bridge railing rooftop
    """,
    "jump": """
        hypata hyppaa hyppaan hyppaisi hyppaamaan hyppy hyppia hyppaavansa
        hoppa hoppar
        jump jumping jumps jumped
    """,
    "high_place": """
        silta* sillalta sillalle sillalla katolta katolle katolla parvekkeelta parvekkeella
        parvekkeelle kerroksesta ikkunasta ikkunalla kalliolta kalliolla kaiteelta kaiteella
        reunalta reunalla junan+alle junan+eteen raiteille torni*
        bro bron taket balkong* fonstret stupet kanten framfor+taget
        bridge roof rooftop balcony ledge cliff edge train+tracks in+front+of+a+train
        tower window
    """,
    "quantity": """
        kaikki kourallinen kourallisen koko+purkin koko+purkki koko+paketin
        purkillisen ison+kasan kasan liikaa monta kymmenen kymmenia tosi+paljon
        alla hela+burken hel+burk massa manga for+manga handfull* karta tio
        all whole handful lots many bunch too+many dozen ten 10 20
    """,
    "stop": """
        lopu lopp* lakkaa lakannut tyrehdy* tyrehty* lopeta loppuu loppumassa
        slutar sluta stoppa stopp stannar stanna
        stop stops stopping stopped
    """,
    "spurting": """
        suihkua* suihkuaa pulppua* pumppaa+verta purskua* ruiskua* valuu+verta
        sprutar sprut* pulserar forsar
        spurting squirting pulsing pumping+blood gushing
    """,
    "soaked": """
        lapimar* verinen+pyyhe taynna+verta lattia+taynna
        genomblot* genomdrank* dyblot*
        soaked soaking drenched through+the+towel
    """,
    "corrosive": """
        happo* *happo* lipea* *lipea* viemarinavaaja* *viemarinavaaja* kalkinpoist*
        *kalkinpoist* uuninpuhdist* *uuninpuhdist* ammoniak* kloori* valkaisu* valkasu*
        propplos* *propplos* avloppsrens* *avloppsrens* syra lut klor* blekmedel*
        acid* lye drain+cleaner* oven+cleaner* bleach caustic*
    """,
    "body_part": """
        iho iholle iholla kasi kadet kaden kadelle kateen kasivar* sormi* sormet
        jalka* jalat jalkaan reisi* vatsa* maha* rinta* poski* kasvo* naama* silma*
        silmiin silmaan otsa* kaula* kylki* olka*
        hud huden hand handen hander armen arm ben benet fot foten magen mage
        kind* ansikt* ogon* ogat ogonen
        skin hand hands arm arms leg legs foot feet tummy belly stomach chest cheek
        face eye eyes thigh finger* shoulder
    """,
    "burn_verb": """
        paloi palanut palanu polttanut polttanu poltti poltin syttyi tuleen leimahti
        roiskui roiskunut kirvel* kirvelee
        brand brande brann brannt bubblar svider svedd* flammade+upp fattade+eld
        burnt burned burning caught+fire blistering peeling melted sizzl*
    """,
    "cough_water": """
        yskii+vetta yski+vetta oksentaa+vetta yskii+ja+oksentaa
        hostar+upp+vatten hostar+vatten
        coughing+up+water coughed+up+water coughing+water
    """,
    "face_down": """
        naamallaan kasvot+alaspain naama+alaspain kasvot+vedessa naama+vedessa
        ansiktet+i ansiktet+ned* ansiktet+nedat
        face+down face+in+the+water face+first+in
    """,
    "surface": """
        pintaan pinnalle ytan
        surface come+up came+up
    """,
    "touch": """
        koski kosketti koskenut tarttui pisti pistanyt laittoi tunki tyonsi
        tog+i rorde petade stack+in stoppade
        touched grabbed put stuck poked
    """,
    "move_feel": """
        tunne tunnu liikuta liiku liikkua liikuttaa kaanna kaantaa kaantamaan
        liikuttamaan nosta nostamaan seiso seisomaan kavele
        kanner kanna rora ror lyfta
        feel move moving lift stand walk
    """,
    "neck_pain": """
        niskaan+sattuu niska+kipea niskaa+sattuu selkaan+sattuu niska+jumissa
        ont+i+nacken ont+i+ryggen
        neck+hurts neck+pain back+hurts
    """,
    "lying": """
        makaa makasi lattialla maassa sangylla selallaan
        ligger lag golvet marken
        lying lies on+the+floor on+the+ground pavement
    """,
    "container_open": """
        purkki+auki purkki+on+auki paketti+auki puuttuu puuttui tyhja+purkki tyhja+pakkaus
        saknas burken+var+oppen burken+ar+oppen oppen+burk tom+burk
        missing bottle+open open+bottle empty+bottle empty+packet lid+was+off lid+off
    """,
    "gone_object": """
        ei+loydy en+loyda emme+loyda puuttuu kadonnut ei+ole+tallella
        hittar+inte finns+inte+kvar ar+borta saknas
        can't+find cant+find is+gone missing isn't+in isnt+in no+longer+in
    """,
    "allergic_sign": """
        nokkosihot* ihottuma* laisk* paukam* kutina kutisee kutiaa punoit* turvotus yskii
        ei+pysty+nielemaan kieli+paksu
        utslag* nasselutslag* kliar klada svullnad hostar kan+inte+svalja
        hives rash itchy itching blotch* wheez* coughing can't+swallow cant+swallow
    """,
    "feed": """
        ime imea imee imenyt syo syonyt juo juonut rintaa pullo* maitoa ruokaa syomaan
        ater dricker ammar flaska* flaskan nappflaska*
        feed feeding drink drinking eat eating bottle milk nursing
    """,
    "wet_nappy": """
        vaippa* vaipat pissannut pissaa pissinyt kastellut
        blojor bloja blojan kissat kissa
        nappy nappies diaper* peed pee wee
    """,
    "violence_sounds": """
        kuulen+lyonteja kuuluu+lyonteja kuulen+kun+lyo kuuluu+kolinaa kuulen+huutoa
        kuuluu+huutoa paukkuu rysahtel* kolina* paukutus*
        hor+slag dunkar+mot+vaggen slag+genom+vaggen skrika+hjalp skriker+hjalp
        hear+hitting hear+him+hitting hear+screaming banging+on+the+wall thuds screaming+help
    """,
}
CONCEPTS["return_home"] = """
    tullut+kotiin tullu+kotiin tullut tullu palannut palannu palaa+kotiin kotiin
    kommit+hem kom+hem kommit+tillbaka
    come+home came+home back+home home+yet
"""
CONCEPTS["electric_device"] += " sahkoaita sahkoaidan sahkoaitaan"
CONCEPTS["ever_again"] = """
    enaa huomen* huomena ikina koskaan aamulla+enaa
    igen imorgon nagonsin mer
    again tomorrow ever anymore
"""
CONCEPTS["habitual"] = """
    aina+kun aina usein joskus toisinaan useamman+kerran monta+kertaa joka+ilta
    joka+yo joka+paiva oisin iltaisin viime+aikoina jatkuvasti vuosia
    ibland ofta alltid varje+gang flera+ganger varje+kvall pa+natterna pa+senaste+tiden
    sometimes often always every+time whenever every+night lately several+times
    for+years
"""
CONCEPTS["info_request"] = """
    numero numeron numeroa puhelinnumero* aukiolo* aukioloaika* paivystaako yhteystied*
    nummer numret numren oppettid*
    number numbers phone+number opening+hours
"""
CONCEPTS["hot_thing"] = """
    kiehuva* hoyry* liesi* liede* hella* uuni* kahvi* tee teeta vedenkeitin* kattila*
    rasva* oljy* silitysrau* takka* grilli* kiuas* kiukaa* kuumaa+vetta kuuma+vesi
    kokhet* hett+vatten kaffe* spis* ugn* kittel* kastrull* strykjarn* tevatten* kokande
    boiling coffee tea kettle stove pan iron fireplace grill hot+water hot+oil
"""
CONCEPTS["asthma_attack"] = """
    astmakohtau* *astmakohtau* piippu+ei+auta avaava+laake+ei+auta
    astmaanfall* *astmaanfall* inhalatorn+hjalper+inte
    asthma+attack inhaler+isn't+helping inhaler+isnt+helping inhaler+not+working
"""
CONCEPTS["ingest_or_take"] += " ottaa ottamaan ta take taking"
CONCEPTS["past"] += """
    viime nuorena lapsena when+i+was+young som+ung som+barn used+to brukade oli+tapana
    last+spring last+autumn last+fall forra varen i+fjol
"""
CONCEPTS["resolved"] += """
    kom+ut tuli+ulos
    leker leker+och+skrattar is+playing playing+normally unohtanut+koko laakari+sanoi
    doctor+said lakaren+sa muuten+ei+oireita ei+muita+oireita muita+oireita+ei
    muuten+hyva+olo muuten+ok inga+andra+symtom otherwise+fine no+other+symptoms
    mar+bra+nu seems+okay
"""
CONCEPTS["hypothetical"] += """
    miten+puhun miten+puhua how+to+talk how+do+i+talk hur+pratar hur+ska+jag+prata
    voiko+saada voiko+tulla can+you+get kan+man+fa voiko+lapsi kan+ett+barn
"""
CONCEPTS["prevention"] = """
    pelkaan pelkaa pelottaa riski* *riski* *tukehtumisvaara* *myrkytysvaara* turvallinen
    turvallisuus* varoitusmerk* ensiapu* paranoid* huolettaa
    rad rädd radd* risk* *sakerhet* skydd* varningstecken* forsta+hjalpen
    afraid worried+about paranoid warning+signs risk* safety safe childproof* first+aid
    save+in+my+phone
"""
CONCEPTS["mild"] = """
    vahan lieva lievasti hieman vahan+verta pieni+haava pienen+haavan pieni+palovamma
    lite lindrig* liten+brannskada liten+skada litet+sar
    slight* mild* minor tiny a+bit small+cut little+cut small+burn
"""
CONCEPTS["breath_holding"] = """
    pidattaa+henkea pidattaa+hengitysta pidattaa+hengitysta pidatti+henkea
    haller+andan holl+andan haller+andan+tills
    holds+his+breath holds+her+breath holding+his+breath holding+her+breath breath+holding
"""
CONCEPTS["joking"] = """
    lol haha hahaha hah xd lmao heh siis+meidan+koiran vitsi* vitsillä
    skamt* skojar
    joking kidding jk
"""
CONCEPTS["figurative"] += """
    tukehduttaa tukahduttaa hukun hukun+toihin i'm+drowning im+drowning jag+drunknar
    socialt+sjalvmord social+suicide ihan+itsemurha on+itsemurha sokerimyrky* sokerihumala*
    sugar+high sockerchock* burn+out* burn-out* burnout* hakkaa+paata+lattiaan
    leker+att leikkii+etta leikkivat+etta pretend*
"""
CONCEPTS["fiction"] += """
    video* tiktok* youtube* frozen lumikki* disney* haaste* challenge* *projekt*
"""
CONCEPTS["dosage"] += """
    tippa* tippaa droppar drops dubbel+dos double+dose kaksinkertai*
"""
CONCEPTS["small_child"] += " uhmaikai* uhmaika* uhmaiän"
CONCEPTS["child"] += " uhmaikai* uhmaika*"
CONCEPTS["found_again"] = """
    loytyi loytyi+onneksi loydettiin hittades hittade+honom hittade+henne was+found
    found+him found+her
"""
CONCEPTS["denial"] = """
    ei+itsetuhoisia ei+itsemurha-ajatuksia ei+ole+itsetuho* ei+mitaan+itsetuho*
    inga+sjalvmordstankar inga+tankar+pa inte+suicidal* inga+planer
    no+thoughts no+suicidal not+suicidal never+thought no+plans
"""
CONCEPTS["shake"] = """
    ravistaa ravistaa ravist* ravistel* heiluttaa+vauvaa
    skakar skakade skaka skakat
    shake shakes shaking shook
"""
CONCEPTS["seizure"] += " vaahto* vaahtoaa vaahtoa+suusta fradga* lodder foam* frothing shakin+on"
CONCEPTS["habitual"] += " brukar"
CONCEPTS["turning_blue"] = """
    sinertaa sinertyy sinertava sinertaa+huulet muuttuu+siniseksi menee+siniseksi
    meni+siniseksi blir+bla blev+bla blir+blaaktig
    turning+blue went+blue gone+blue going+blue turned+blue
"""
CONCEPTS["figurative"] += " sla+sonder slar+sonder slog+sonder smashing+things"
CONCEPTS["locked_in"] += " locked+ourselves lukittauduimme lukittauduttiin last+in+oss"
# --- second pass: general forms found missing (spoken itte-, word order, "since")
CONCEPTS["now"] += """
    sen+i+morse sedan+i+morse sedan+igar aamusta+asti aamusta+saakka eilisesta+asti
    since+this+morning since+last+night ever+since
"""
CONCEPTS["now"] = CONCEPTS["now"].replace(" just ", " ")
CONCEPTS["habitual"] = CONCEPTS["habitual"].replace(" alltid", " ")
CONCEPTS["suicide"] += """
    tappaa+itt* tapan+itt* tappais+itt* satuttaa+itt* vahingoittaa+itt* itsetuhoi*
"""
CONCEPTS["locked_in"] += " lukinnut+itt* lukinnu+itt* lukitsi+itt* lukittautunu*"
CONCEPTS["despair"] += """
    nae+mitaan+syyta mitaan+syyta+jatkaa syyta+elaa syyta+jatkaa no+reason+to+go+on
"""
CONCEPTS["endure"] = """
    kesta kestaa kesta* jaksa jaksa* pysty+enaa
    orka orkar klarar klara
    cope take+it go+on handle+it
"""
CONCEPTS["farewell"] += " anteeksi+kaikilta kaikilta+anteeksi pyytaa+kaikilta+anteeksi"
CONCEPTS["missing"] += """
    ei+ole+huoneessa* ei+oo+huoneessa* not+in+her+room not+in+his+room inte+i+sitt+rum
"""
CONCEPTS["find"] = """
    loyda loydy loytyny loytynyt loyda+lasta hitta hittar hittat
    find found finding
"""
CONCEPTS["child"] += " barnbarn* lapsenlap* grandkid* grandchild*"
CONCEPTS["hit"] += (
    " pitaa+kurkusta kurkusta+kiinni piti+kurkusta haller+om+halsen hand+around+her+neck"
)
CONCEPTS["violence_sounds"] += " paisko* paiskotaan heitellaan kolistelee"
CONCEPTS["fear_hiding"] += " itkee+hysteerisesti kirkuu hysteerise*"
CONCEPTS["went_with"] = """
    lahti+autoon lahti+tapaamaan nousi+autoon meni+autoon lahti+vieraan lahti+jonku
    gick+med foljde+med hoppade+in+i satte+sig+i+en+bil
    got+in+a+car got+into+a+car went+with left+with went+to+meet
"""
CONCEPTS["stranger"] += """
    jatkan jatka vanhan+miehen netissa+tutustu* netti+tuttu* aikuisen+miehen
    aldre+man vuxen+man natet
    older+man grown+man met+online online+friend
"""
CONCEPTS["no_contact"] = """
    puhelin+kiinni puhelin+on+kiinni puhelin+on+nyt+kiinni ei+vastaa+viesteihin
    ei+vastaa+enaa ei+vastaa+puhelim* eika+vastaa
    telefonen+ar+avstangd svarar+inte+i+telefon svarar+int
    phone+is+off phone+off not+answering+messages not+answering
"""
CONCEPTS["twitch"] = """
    nykii nytkii tarisee tarisi nytkyttaa vapisee+koko
    rycker skakar darrar
    jerking twitching shaking shakin
"""
CONCEPTS["whole_body"] = """
    koko+kroppa koko+kropalla koko+keho koko+kehollaan kasi+ja+jalat lattialla
    hela+kroppen armar+och+ben golvet
    whole+body all+over arms+and+legs on+the+floor
"""
CONCEPTS["fit_word"] = "kohtaus kohtauksen kohtauksia kohtaus* anfall anfallet fit attack"
CONCEPTS["choke"] += """
    gasping clawing+at+his+throat clawing+at+her+throat can't+make+a+sound haukkoo+henkea
    ei+tule+aanta ei+saa+aanta inget+ljud
"""
CONCEPTS["severe_bleeding"] += " melkein+irti irti poikki amputo* cut+off almost+off nastan+av"
CONCEPTS["infant_red_flag"] += " tummia+laiskia tummia+pisteita purppura* violetti* lila+prickar"
CONCEPTS["fontanelle"] = "aukile* fontanell* *fontanell* soft+spot fontanel*"
CONCEPTS["height"] += " fonstr* ikkunast* ikkunasta"
CONCEPTS["mild"] += " hyttys* *hyttys* mosquito* mygg* *mygg* mitaan+oireita"
CONCEPTS["resolved"] += " ei+mitaan+oireita muuten+ei+mitaan"
CONCEPTS["fiction"] += " laksy* laksyna fysiikan kemian biologian"
CONCEPTS["figurative"] += " nearly+had almost+had melkein+sai nastan+fick"
CONCEPTS["seizure"] = CONCEPTS["seizure"].replace(" nytkahtel*", " ")
CONCEPTS["hot"] += " tevatt* *tevatt* kaffevatt*"
