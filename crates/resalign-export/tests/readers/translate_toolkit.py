"""Reads a TMX or XLIFF 2.0 export with Translate Toolkit, as a CAT tool pipeline would, and
prints what it read as JSON, for the Rust tests to compare with what was written.

Usage: translate_toolkit.py tmx TARGET_TAG < file.tmx
       translate_toolkit.py xliff < file.xlf
"""

import json
import sys

from translate.storage import tmx, xliff2

NOTES = "{urn:oasis:names:tc:xliff:document:2.0}notes"


def read_tmx(data, target_tag):
    store = tmx.tmxfile.parsestring(data)
    store.settargetlanguage(target_tag)
    units = []
    for unit in store.units:
        props = {}
        for prop in unit.xmlelement.iterchildren("prop"):
            props.setdefault(prop.get("type"), []).append(prop.text or "")
        units.append({"source": unit.source, "target": unit.target, "props": props})
    return {"source_language": store.sourcelanguage, "units": units}


def unit_notes(unit):
    # Translate Toolkit looks for <notes> inside <segment>; XLIFF 2.0 puts them in <unit>.
    container = unit.getunitelement().find(NOTES)
    if container is None:
        return []
    return [
        {"category": note.get("category"), "priority": note.get("priority"), "text": note.text}
        for note in container
    ]


def read_xliff(data):
    store = xliff2.Xliff2File.parsestring(data)
    units = []
    for unit in store.units:
        units.append(
            {
                "id": unit.getid(),
                "source": unit.source,
                "target": unit.target,
                "state": unit.xmlelement.get("state"),
                "translated": unit.istranslated(),
                "approved": unit.isapproved(),
                "notes": unit_notes(unit),
            }
        )
    return {
        "source_language": store.sourcelanguage,
        "target_language": store.targetlanguage,
        "units": units,
    }


def main():
    data = sys.stdin.buffer.read()
    if sys.argv[1] == "tmx":
        result = read_tmx(data, sys.argv[2])
    else:
        result = read_xliff(data)
    json.dump(result, sys.stdout, ensure_ascii=False)


main()
