"""The office software govpub drives, for every part that needs it: LibreOffice, run by one
driver (:mod:`.libreoffice`: private profiles, batches, timeouts, PDF and PDF/A copies, page
counts, conversions such as ``.doc`` → ``.docx`` for the import), and the free faces that
stand in for the office faces a GB/T 9704 document names (:mod:`.fontmap`).

It sits below the outputs (the Word files and the archive volume, the import, ``govpub
doctor`` all use it) and imports nothing else of govpub's.
"""
