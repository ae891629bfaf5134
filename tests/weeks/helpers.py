"""What a browser would post back for an admin page."""

from html.parser import HTMLParser

from django.urls import reverse


class FormFields(HTMLParser):
    """The values a browser would post for the first form of a page."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") != "checkbox" or "checked" in attrs:
                checkbox = attrs.get("type") == "checkbox"
                self.data[name] = attrs.get("value") or ("on" if checkbox else "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.data[self._textarea] = self.data[self._textarea].removeprefix("\n")
            self._textarea = None


def change_page_data(staff_client, week):
    url = reverse("admin:weeks_week_change", args=[week.pk])
    parser = FormFields()
    parser.feed(staff_client.get(url).content.decode())
    return url, parser.data
