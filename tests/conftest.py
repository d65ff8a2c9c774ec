import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLE = ROOT / "corpora" / "luoshan-county.en.txt"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or skip: a user's clone has no ../shared (CI always has it)."""
    data = Path(os.environ.get("MTQA_SHARED_DATA", SHARED / "data"))
    if not data.is_dir():
        pytest.skip(f"needs the shared evaluation data at {data} (present on CI, not in a user's clone)")
    return data
