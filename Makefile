# Low-rank simplicity bias: Java reproduction. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PY          := /usr/bin/python3
MVN         := mvn -B -ntp
JUPYTER_DIR := $(CURDIR)/build/jupyter
NOTEBOOKS   := $(sort $(wildcard notebooks/[0-9]*.ipynb))
BENCH       ?= rank expand train cnn
KERNEL_JAR  := environment/kernel/target/java-kernel.jar
# BACKEND=cuda: ND4J's CUDA backend (Maven profile -Pcuda) and the kernelspec java-cuda; docs/gpu.md
BACKEND     ?= cpu
ifeq ($(filter $(BACKEND),cpu cuda),)
$(error BACKEND=$(BACKEND); allowed: cpu, cuda)
endif
MVN_PROFILE := $(if $(filter cuda,$(BACKEND)),-Pcuda,)
KERNEL_NAME := $(if $(filter cuda,$(BACKEND)),java-cuda,java)
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
	$(MVN) -q -f lib/pom.xml package -DskipTests $(MVN_PROFILE)

kernel: lib
	$(MVN) -q -f environment/kernel/pom.xml package -DskipTests
	environment/install-kernel.sh --prefix $(JUPYTER_DIR) --backend $(BACKEND)

run: kernel
	$(PY) environment/run_notebooks.py --kernel $(KERNEL_NAME) --in-place $(NOTEBOOKS)

test: deps
	$(MVN) -f lib/pom.xml package
	$(MVN) -f environment/kernel/pom.xml package
	environment/install-kernel.sh --prefix $(JUPYTER_DIR)
	$(PY) -m pytest -v -p no:cacheprovider environment/tests
	$(PY) environment/run_notebooks.py --out build/executed $(NOTEBOOKS)

notebook: kernel
	jupyter-notebook --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

install-kernel: kernel
	environment/install-kernel.sh --user --backend $(BACKEND)

bench: lib
	$(MVN) -q -f lib/pom.xml test-compile
	bench/run.sh $(BENCH)

clean:
	rm -rf build
	$(MVN) -q -f lib/pom.xml clean
	[ ! -f environment/kernel/pom.xml ] || $(MVN) -q -f environment/kernel/pom.xml clean
