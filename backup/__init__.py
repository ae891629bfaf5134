"""Back a course up into one archive, and restore it into another database.

An archive (a ``.zip`` or a ``.tar.gz``) holds:

``manifest.json``
    the format version, when it was written, the migration each app had reached, the number of
    rows of each model, whether credentials are included and the SHA-256 of every other file;
``manifest.hmac``
    when signed, the HMAC-SHA256 of ``manifest.json`` (backup.signing);
``data/<app>.<model>.json``
    every row of the course in Django's JSON serialization (users by username), without
    password and invitation token hashes unless asked for (backup.credentials);
``decks/week-07.md``, ``readings.bib``, ``readings.ris``
    each week's deck as remark markdown and the course's readings, for people and other tools;
``media/<path>``
    the files the rows refer to (image fields, and ``MEDIA_URL`` links in their text), at their
    storage paths;
``private/<path>``
    the groups' PDF hand-ins, from the private storage (core.storage), restored to it
    (backup.files).

The rows are found by walking the project's models along their foreign keys to the course, so a
model added later is backed up without anyone remembering to list it. Restoring gives every row a
new primary key and maps the archive's keys to the new ones, so the course can join a database
that holds other courses; users are matched by username and existing ones are kept as they are.
A restore grants no rights on the site and renders every HTML field again (backup.rebuild).
"""
