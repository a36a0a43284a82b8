# Low-rank simplicity bias: Java reproduction. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PY          := /usr/bin/python3
MVN         := mvn -B -ntp
JUPYTER_DIR := $(CURDIR)/build/jupyter
NOTEBOOKS   := $(sort $(wildcard notebooks/[0-9]*.ipynb))
BENCH       ?= rank expand train cnn
KERNEL_JAR  := environment/kernel/target/java-kernel.jar
# the kernel suite and notebook 00 run again on this JDK (LOWRANK_JAVA_HOME picks the kernel's JVM at start)
JAVA25_HOME ?= $(firstword $(wildcard /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25-openjdk*))
KERNEL_TESTS := $(wildcard environment/tests/test_kernel_*.py environment/tests/test_robustness.py)
KERNEL_INSTALL ?= --user
export JUPYTER_PATH := $(JUPYTER_DIR)

.PHONY: help deps lib kernel run test notebook install-kernel bench clean

help:
	@echo "make run             execute every notebook (quick scale; LOWRANK_SCALE=paper for paper scale), print a table"
	@echo "make test            every test: lib (JUnit), kernel (JUnit + jupyter_kernel_test + robustness), all notebooks"
	@echo "make notebook        open the classic Jupyter Notebook UI with the Java kernel on notebooks/"
	@echo "make install-kernel  register the Java kernel (with the lib) in your own Jupyter"
	@echo "make bench           benchmarks against numpy / PyTorch (BENCH='rank expand train cnn')"
	@echo "make clean           remove build outputs"

deps:
	@environment/ensure-packages.sh

lib: deps
	$(MVN) -q -f lib/pom.xml package -DskipTests

kernel: lib
	$(MVN) -q -f environment/kernel/pom.xml package -DskipTests
	environment/install-kernel.sh --prefix $(JUPYTER_DIR)

run: kernel
	$(PY) environment/run_notebooks.py --in-place $(NOTEBOOKS)

test: deps
	$(MVN) -f lib/pom.xml package
	$(MVN) -f environment/kernel/pom.xml package
	environment/install-kernel.sh --prefix $(JUPYTER_DIR)
	$(PY) -m pytest -v -p no:cacheprovider environment/tests
	$(PY) environment/run_notebooks.py --out build/executed $(NOTEBOOKS)
	@if [ -z "$(JAVA25_HOME)" ]; then echo "*** no Java 25 JDK found (set JAVA25_HOME): kernel NOT tested on Java 25"; \
	else set -e; echo "== kernel suite and notebook 00 on Java 25: $(JAVA25_HOME)"; \
	  LOWRANK_JAVA_HOME=$(JAVA25_HOME) $(PY) -m pytest -v -p no:cacheprovider $(KERNEL_TESTS); \
	  LOWRANK_JAVA_HOME=$(JAVA25_HOME) $(PY) environment/run_notebooks.py --out build/executed-java25 notebooks/00_getting_started.ipynb; fi

notebook: kernel
	jupyter-notebook --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

install-kernel: kernel
	environment/install-kernel.sh $(KERNEL_INSTALL)

bench: lib
	$(MVN) -q -f lib/pom.xml test-compile
	bench/run.sh $(BENCH)

clean:
	rm -rf build
	$(MVN) -q -f lib/pom.xml clean
	[ ! -f environment/kernel/pom.xml ] || $(MVN) -q -f environment/kernel/pom.xml clean
