"""Shared by the tests: imported as `from helpers.<module> import ...`, never from conftest.

paths: the repository, the seed and the shared real texts; compare: small documents and the
JSON contract check; docx_views: Word redlines and their accepted / rejected views; drafts: the
Paris drafting lineage; html: parsing report pages; reliability: running the CLI in-process and
in a child; samples: DOCX and PDF files built at test time.
"""
