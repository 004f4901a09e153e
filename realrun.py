import json,sys
from pathlib import Path
from tui.source import ParseError, read_document
REAL=Path("tests/data/real")
for p in sorted(REAL.glob("*.txt")):
    r=json.loads((REAL/f"{p.stem}.reading.json").read_text(encoding="utf-8"))
    try:
        d=read_document(p.read_bytes(),p.name,year=r["document"].get("year"))
        print("READ ",p.stem,len(d.rows),"want",len(r["tasks"]))
    except ParseError as e:
        print("REFUSE",p.stem,str(e)[:160].replace("\n"," "))
