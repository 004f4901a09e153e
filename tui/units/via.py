"""How a row applies to a unit, strongest first (what the app needs at start-up, kept
apart from the catalogue rules so that opening the app does not load them)."""

DIRECT, VIA_COLLECTIVE, TO_CONFIRM = "direct", "collective", "to_confirm"
VIA_RANK = {DIRECT: 0, VIA_COLLECTIVE: 1, TO_CONFIRM: 2}
VIA_LABEL = {DIRECT: "直接", VIA_COLLECTIVE: "统称", TO_CONFIRM: "待确认"}
