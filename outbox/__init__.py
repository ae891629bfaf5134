"""E-mail through an outbox: queue a message inside the transaction that causes it, and
`manage.py deliver_mail` sends it after commit, retrying with back-off, never twice.

    from outbox import enqueue
    enqueue(to=["a@example.org"], subject="…", body="…", idempotency_key="invite:42")
"""


def enqueue(**message):
    """Queue one e-mail in the current transaction; see outbox.services.enqueue."""
    from outbox.services import enqueue as enqueue_in_services

    return enqueue_in_services(**message)


queue_mail = enqueue
