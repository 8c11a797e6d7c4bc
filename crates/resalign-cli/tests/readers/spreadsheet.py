"""Reads a CSV or XLSX export the way a reviewer's tools do and prints what it found as JSON.

    spreadsheet.py csv FILE    {"bom": true, "rows": [[cell, ...], ...]}
    spreadsheet.py xlsx FILE   {"sheets": {name: [[cell, ...], ...]},
                                "marked": {name: [[row, column, [text, ...]], ...]}}

CSV goes through Python's csv module as Excel's dialect; XLSX through openpyxl, rich text
included, where "marked" lists the runs of each cell that are bold and red.
"""

import csv
import json
import sys


def read_csv(path):
    with open(path, "rb") as raw:
        bom = raw.read(3) == b"\xef\xbb\xbf"
    with open(path, encoding="utf-8-sig", newline="") as text:
        rows = list(csv.reader(text, dialect="excel"))
    return {"bom": bom, "rows": rows}


def read_xlsx(path):
    import openpyxl
    from openpyxl.cell.rich_text import CellRichText

    workbook = openpyxl.load_workbook(path, rich_text=True)
    sheets = {}
    marked = {}
    for sheet in workbook.worksheets:
        rows = []
        marks = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                value = cell.value
                if isinstance(value, CellRichText):
                    runs = [
                        str(run.text)
                        for run in value
                        if hasattr(run, "font")
                        and run.font is not None
                        and run.font.b
                        and run.font.color is not None
                        and str(run.font.color.rgb).upper().endswith("FF0000")
                    ]
                    if runs:
                        marks.append([cell.row, cell.column, runs])
                    value = str(value)
                cells.append("" if value is None else str(value))
            rows.append(cells)
        sheets[sheet.title] = rows
        marked[sheet.title] = marks
    return {"sheets": sheets, "marked": marked}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    result = read_csv(path) if kind == "csv" else read_xlsx(path)
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
