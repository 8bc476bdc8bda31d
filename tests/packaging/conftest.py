"""The bundle and .deb of the tree as it is (built once, cached: built_package.py), and the
.deb unpacked into a temporary root as dpkg would install it."""

import subprocess
from pathlib import Path

import pytest

from tests.packaging.built_package import BuiltPackage, built_package


@pytest.fixture(scope="session")
def package() -> BuiltPackage:
    return built_package()


@pytest.fixture(scope="session")
def installed_root(package: BuiltPackage, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("installed-root")
    subprocess.run(["dpkg-deb", "-x", str(package.deb), str(root)], check=True)
    return root
