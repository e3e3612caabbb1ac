"""An exported OpenAPI document as text: JSON laid out as AWS's writer lays it out, or YAML
written with PyYAML (imported on first use)."""

from __future__ import annotations

from typing import Any

__all__ = ["yaml_text"]

_yaml_dumper: Any = None


def yaml_text(document: dict[str, Any]) -> str:
    """``document`` as YAML: block style, keys plain, strings double-quoted."""
    global _yaml_dumper
    import yaml

    if _yaml_dumper is None:
        base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

        def text(dumper: Any, data: str) -> Any:
            return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')

        def mapping(dumper: Any, data: dict[str, Any]) -> Any:
            pairs = [
                (yaml.ScalarNode("tag:yaml.org,2002:str", str(key)), dumper.represent_data(item))
                for key, item in data.items()
            ]
            return yaml.MappingNode("tag:yaml.org,2002:map", pairs, flow_style=not data)

        dumper: Any = type("ExportDumper", (base,), {"ignore_aliases": lambda self, data: True})
        dumper.add_representer(str, text)
        dumper.add_representer(dict, mapping)
        _yaml_dumper = dumper
    dumped: str = yaml.dump(
        document,
        Dumper=_yaml_dumper,
        explicit_start=True,
        allow_unicode=True,
        default_flow_style=False,
        sort_keys=False,
        width=2**31 - 1,
    )
    return dumped
