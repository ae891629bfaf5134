// Formats week-7.csl.json and more.csl.json with citeproc-js (Zotero's engine, npm package "citeproc") and the
// CSL files of readings/citations/styles, and writes week-7.citeproc-js.json: for each style,
// the plain-text bibliography entry of each item, by item id (more.csl.json's to
// more.citeproc-js.json). See README.md beside this file.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const here = __dirname;
const stylesDir = path.join(here, "..", "..", "..", "readings", "citations", "styles");
const STYLES = {
  chicago: "chicago-author-date",
  "chicago-notes": "chicago-notes-bibliography",
  apa: "apa",
  mla: "modern-language-association",
};
const locale = fs.readFileSync(path.join(stylesDir, "locales-en-US.xml"), "utf8");

function entry(styleXml, item) {
  const sys = {
    retrieveLocale: () => locale,
    retrieveItem: (id) => (id === item.id ? item : undefined),
  };
  const engine = new CSL.Engine(sys, styleXml, "en-US", true);
  engine.setOutputFormat("text");
  engine.updateItems([item.id]);
  const [, entries] = engine.makeBibliography();
  return entries[0].trim();
}

for (const name of ["week-7", "more"]) {
  const items = JSON.parse(fs.readFileSync(path.join(here, `${name}.csl.json`), "utf8"));
  const out = { engine: `citeproc-js ${CSL.PROCESSOR_VERSION}`, styles: {} };
  for (const [style, file] of Object.entries(STYLES)) {
    const xml = fs.readFileSync(path.join(stylesDir, `${file}.csl`), "utf8");
    out.styles[style] = Object.fromEntries(items.map((item) => [item.id, entry(xml, item)]));
  }
  const text = JSON.stringify(out, null, 2) + "\n";
  fs.writeFileSync(path.join(here, `${name}.citeproc-js.json`), text);
}
