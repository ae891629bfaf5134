// Reads an iCalendar feed on stdin the way Thunderbird does (Mozilla's ical.js) and prints its
// events as JSON: uid, whether all-day, start and end in UTC, and the start as a New York reader
// sees it. Run under TZ=America/New_York so floating times would show up as New York times.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const newYork = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/New_York", hour12: false, timeZoneName: "short",
  year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
});
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  const start = event.startDate.toJSDate();
  return {
    uid: event.uid,
    allDay: event.startDate.isDate,
    start: event.startDate.isDate ? event.startDate.toString() : start.toISOString(),
    end: event.endDate.isDate ? event.endDate.toString() : event.endDate.toJSDate().toISOString(),
    newYork: newYork.format(start),
    zone: event.startDate.zone ? event.startDate.zone.tzid : null,
    sequence: event.sequence,
  };
});
process.stdout.write(JSON.stringify(events));
