"""A real SMTP server on 127.0.0.1 (aiosmtpd) for the tests that deliver mail."""

import socket
from email import policy
from email.parser import BytesParser

from aiosmtpd.handlers import Message as MessageHandler


class Inbox(MessageHandler):
    def __init__(self):
        super().__init__()
        self.received = []

    def handle_message(self, message):
        self.received.append(message)

    def to(self):
        """The address each message went to, sorted."""
        return sorted(message["To"] for message in self.received)

    def parts(self, message):
        """The (plain text, HTML) bodies of `message`, decoded."""
        parsed = BytesParser(policy=policy.default).parsebytes(message.as_bytes())
        plain = parsed.get_body(preferencelist=("plain",))
        html = parsed.get_body(preferencelist=("html",))
        return plain.get_content(), html.get_content() if html else ""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
