"""FAQ entries written as YAML the way an official would write them into content/faq.yaml.

The dashboard's FAQ drafts end as such an entry: the official appends it to the file and checks it
with `danbiet content check` (content is data; nothing publishes an entry by itself).
"""

from __future__ import annotations

from typing import Any

import yaml

YAML_INDENT = "  "  # the FAQ file lists its entries two spaces in, under `faqs:`


class _Dumper(yaml.SafeDumper):
    """Texts with line breaks as literal blocks (`|`), as an official would write them."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def faq_entry_yaml(entry: dict[str, Any], area: str | None) -> str:
    """The entry as one item of the `faqs:` list (the area, not a Faq field, as a comment)."""
    text = yaml.dump(
        [entry],
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=96,
    )
    lines = [f"# area: {area}"] if area else []
    lines += text.splitlines()
    return "".join(f"{YAML_INDENT}{line}\n" if line else "\n" for line in lines)
