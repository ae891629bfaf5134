"""Password-reset mail through the outbox, like every other mail of the site.

Django's PasswordResetForm sends during the request: an SMTP server that is down or slow
makes the page fail or hang, and nothing retries. Here the message is queued and delivered by
`deliver_mail` after commit, with its back-off.
"""

from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

import outbox


class OutboxPasswordResetForm(PasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html_body = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name
            else ""
        )
        outbox.enqueue(
            to=[to_email], subject=subject, body=body, html_body=html_body, from_email=from_email
        )
