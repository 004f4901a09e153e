"""xlsx export and import of the 任务清单 workbook (openpyxl). Loaded on first use only."""
