"""Import from the national service catalogue (Suomi.fi Palvelutietovaranto, PTV).

The PTV open API changes shape between versions (v11 now, v12 coming), so the work is split:
`v11.py` reads one API version's JSON into the neutral records of `records.py`, and
`convert.py` turns records into catalogue entries. A v12 reader only needs a new `v12.py`.
"""
