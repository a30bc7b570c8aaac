"""All configuration, read from the environment once, through ``get_settings()``.

Nothing reads the environment at import: entry points call ``get_settings()`` and pass what
they need down, so tests can build a ``Settings`` of their own.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=True)

    store: Literal["networkx", "neo4j"] = Field(
        default="networkx", alias="PLANKG_STORE", description="Which store serves the API."
    )
    graph_path: Path = Field(
        default=Path("out/graph.json"),
        alias="PLANKG_GRAPH",
        description="The graph file `plankg build` writes and the embedded store reads.",
    )
    data_dir: Path = Field(
        default=Path("data"), alias="PLANKG_DATA", description="Where `plankg build` finds *.txt by default."
    )
    max_file_bytes: int = Field(
        default=5_000_000,
        alias="PLANKG_MAX_FILE_BYTES",
        description="Source files larger than this are rejected.",
    )
    cache_dir: Path | None = Field(
        default=None,
        alias="PLANKG_CACHE_DIR",
        description="Where jieba keeps its dictionary cache (default: the system temp dir).",
    )
    neo4j_uri: str = Field(default="bolt://localhost:7687", alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", alias="NEO4J_USER")
    neo4j_password: SecretStr = Field(default=SecretStr("neo4j"), alias="NEO4J_PASSWORD")
    neo4j_database: str | None = Field(default=None, alias="NEO4J_DATABASE")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read from the environment on first use."""
    return Settings()
