"""Documents we issue (DESIGN.md §5 "documents out", beside workbook/ and under the same
rules): a unit's own 任务分工 as the Word file offices send down (breakdown_docx.py)."""
