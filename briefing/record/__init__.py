"""What a built PDF carries about itself, written by ``build`` and read back by ``audit``: the
verification record (every citation, where it was found, the digests of the claims and sources)
and what each page draws."""
