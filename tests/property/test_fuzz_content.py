"""Fuzzing content files: any mutation either loads or is refused with errors that name the
file (and, where the YAML parsed, the line); never another exception."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.loader import DEFAULT_CONTENT_DIR, ContentErrors, load_knowledge_base

FILES = sorted(path.name for path in DEFAULT_CONTENT_DIR.glob("*.yaml"))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)

# YAML that PyYAML reads in surprising ways: explicit tags on any text, dates that look right,
# anchors and aliases (recursive, undefined, multiplied), nesting deep enough to exhaust a stack.
TAGS = st.sampled_from(["!!int", "!!float", "!!bool", "!!timestamp", "!!binary", "!!null"])
YAML_VALUES = st.one_of(
    st.tuples(
        TAGS, st.text(st.characters(codec="ascii", categories=["L", "N", "P"]), max_size=12)
    ).map(" ".join),
    st.tuples(st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)).map(
        lambda date: "{:04d}-{:02d}-{:02d}".format(*date)
    ),
    st.sampled_from(["&a [*a]", "&a {k: *a}", "*nope", "&a [1, 2]", "!!python/name:os.system"]),
    st.integers(1, 700).map(lambda depth: "[" * depth + "]" * depth),
    st.integers(1, 7).map(
        lambda levels: (
            "{"
            + ", ".join(
                f"l{level}: &l{level} [{', '.join([f'*l{level - 1}' if level else '1'] * 10)}]"
                for level in range(levels)
            )
            + "}"
        )
    ),
)


def lines_of(name: str) -> list[str]:
    return (DEFAULT_CONTENT_DIR / name).read_text("utf-8").splitlines()


@st.composite
def mutated_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """One content file, mutated in one of several ways a person or a bad merge would."""
    name = draw(st.sampled_from(FILES))
    lines = lines_of(name)
    # YAML's own surprises (tags, aliases, nesting) weigh double: they crashed the loader once.
    hows = ["value", "yaml", "yaml", "delete", "insert", "truncate", "bytes", "empty"]
    how = draw(st.sampled_from(hows))
    if how == "empty":
        return name, b""
    if how == "bytes":
        junk = draw(st.binary(min_size=1, max_size=8))
        at = draw(st.integers(0, len(lines)))
        return name, ("\n".join(lines[:at])).encode() + junk + ("\n".join(lines[at:])).encode()
    at = draw(st.integers(0, max(len(lines) - 1, 0)))
    if how == "delete":
        lines = lines[:at] + lines[at + 1 :]
    elif how == "truncate":
        lines = lines[:at]
    elif how == "insert":
        lines = [*lines[:at], draw(st.text(max_size=30)), *lines[at:]]
    else:  # replace the value after a key on one line
        line = lines[at]
        key, colon, _old = line.partition(":")
        if colon and how == "yaml":
            lines[at] = f"{key}: {draw(YAML_VALUES)}"
        elif colon:
            value = yaml.safe_dump(draw(SCALARS), default_flow_style=True).strip()
            value = value.removesuffix("...").strip().replace("\n", " ")
            lines[at] = f"{key}: {value}"
    return name, "\n".join(lines).encode("utf-8", errors="surrogatepass")


@settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutation=mutated_file())
def test_a_mutated_content_file_loads_or_is_refused_by_name(
    tmp_path: Path, mutation: tuple[str, bytes]
) -> None:
    name, data = mutation
    directory = tmp_path / "content"
    shutil.rmtree(directory, ignore_errors=True)
    shutil.copytree(DEFAULT_CONTENT_DIR, directory)
    (directory / name).write_bytes(data)
    try:
        load_knowledge_base(directory)
    except ContentErrors as refused:
        problems = refused.errors
    else:
        return
    assert problems
    for error in problems:
        # A file, or the directory for what no file provides (e.g. no programme at all).
        assert error.path == directory or error.path.name in FILES, error
        assert str(error.path) in str(error)
        assert error.line is None or error.line >= 1
