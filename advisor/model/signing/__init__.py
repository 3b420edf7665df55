"""The institution's signing key and what it signs: sealed letters, revocation lists, trust files.

Pure cryptography over bytes and plain values (the `cryptography` package); no database, no Qt.
"""
