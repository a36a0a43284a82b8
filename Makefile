# Low-rank simplicity bias: Java reproduction. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PY          := /usr/bin/python3
# Maven in batch mode, no colours: logs stay free of escape codes (Debian's Maven 3.8 writes ESC[0m resets
# unless jansi.noreset is set for the JVM itself, hence MAVEN_OPTS rather than a -D on the command line).
export MAVEN_OPTS := $(strip $(MAVEN_OPTS) -Djansi.noreset=true)
# A first build downloads the lib's dependencies (~290 MB, mostly ND4J's native libraries) into Maven's local
# repository: then Maven lists every file as it arrives (batch mode prints one line per transfer); once they
# are there, builds are quiet. M2_REPO is where Maven keeps them (override if your settings.xml moves it).
M2_REPO     ?= $(HOME)/.m2/repository
FIRST_BUILD := $(if $(wildcard $(M2_REPO)/org/nd4j/nd4j-native),,yes)
MVN         := mvn -B -Dstyle.color=never $(if $(FIRST_BUILD),,-ntp)
MVN_QUIET   := $(if $(FIRST_BUILD),,-q)
FIRST_BUILD_NOTICE := First build: Maven downloads the dependencies (~290 MB) into $(M2_REPO); one line per file.
JUPYTER_DIR := $(CURDIR)/build/jupyter
NOTEBOOKS   := $(sort $(wildcard notebooks/[0-9]*.ipynb))
BENCH       ?= rank expand mlp train cnn sweep
KERNEL_JAR  := environment/kernel/target/java-kernel.jar
# the kernel suite and notebook 00 run again on this JDK (LOWRANK_JAVA_HOME picks the kernel's JVM at start)
JAVA25_HOME ?= $(firstword $(wildcard /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25-openjdk*))
KERNEL_TESTS := $(wildcard environment/tests/test_kernel_*.py environment/tests/test_robustness.py)
KERNEL_INSTALL ?= --user
# BACKEND=cuda: ND4J's CUDA backend (Maven profile -Pcuda) and the kernelspec java-cuda; docs/gpu.md
BACKEND     ?= cpu
ifeq ($(filter $(BACKEND),cpu cuda),)
$(error BACKEND=$(BACKEND); allowed: cpu, cuda)
endif
MVN_PROFILE := $(if $(filter cuda,$(BACKEND)),-Pcuda,)
KERNEL_NAME := $(if $(filter cuda,$(BACKEND)),java-cuda,java)
export JUPYTER_PATH := $(JUPYTER_DIR)
# README.md's "what reproduces" table is the committed quick-scale outputs' (a paper-scale run leaves it alone)
CLAIMS_TABLE := $(if $(filter-out quick,$(or $(LOWRANK_SCALE),quick)),,--write-claims-table README.md)
# make reproduce: notebooks' sweeps at SCALE into results/<scale>/<notebook>/ (results/README.md). NOTEBOOKS=06 picks
# (the variable otherwise lists the .ipynb files); REPRODUCE_ARGS='--shard 0/4' or '--merge 4' for Slurm arrays;
# ENGINE=spark runs each run as a Spark task (spark/README.md).
SCALE       ?= paper
ENGINE      ?= local
REPRODUCE_NOTEBOOKS := $(if $(filter command line environment,$(origin NOTEBOOKS)),$(NOTEBOOKS),01 02 03 04 05 06 07 08)
REPRODUCE_ARGS ?=
REPRODUCE_NICE ?= 10
# the commit the sweep's jar is built from: read once, when make starts (before it builds the lib)
REPRODUCE_COMMIT := $(if $(filter reproduce,$(MAKECMDGOALS)),$(shell git rev-parse HEAD 2>/dev/null || echo unknown)$(shell git diff --quiet HEAD -- lib spark pom.xml 2>/dev/null || echo +dirty))
REPRODUCE_JVM  := -Xmx3g -XX:+ExitOnOutOfMemoryError --add-modules jdk.incubator.vector
SPARK_OPENS     = $(shell sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' spark/pom.xml)
ifeq ($(filter $(ENGINE),local spark),)
$(error ENGINE=$(ENGINE); allowed: local, spark)
endif

.PHONY: help deps lib kernel run test notebook install-kernel bench reproduce spark clean

help:  ## this list
	@sed -n 's/^\([a-z-]*\):.*## \(.*\)$$/make \1\t\2/p' $(MAKEFILE_LIST) | expand -t 22

deps:  ## check the Debian packages of environment/apt.txt (as root installs missing ones, else prints the apt-get line)
	@environment/ensure-packages.sh

lib: deps  ## build the lib: lib/target/lowrank.jar and its dependencies in lib/target/dependency/ (BACKEND=cuda: dependency-cuda/)
	$(if $(FIRST_BUILD),@echo "$(FIRST_BUILD_NOTICE)")
	$(MVN) $(MVN_QUIET) -f lib/pom.xml package -DskipTests $(MVN_PROFILE)

kernel: lib  ## build the Java kernel and register it (with the lib) in build/jupyter, used by run/test/notebook
	$(MVN) $(MVN_QUIET) -f environment/kernel/pom.xml package -DskipTests
	environment/install-kernel.sh --prefix $(JUPYTER_DIR) --backend $(BACKEND)

run: kernel  ## execute every notebook (quick scale; LOWRANK_SCALE=paper for paper scale; BACKEND=cuda on a GPU), print a table; at quick scale write README.md's claims table
	$(PY) environment/run_notebooks.py --kernel $(KERNEL_NAME) --in-place $(CLAIMS_TABLE) $(NOTEBOOKS)

test: deps  ## every test: lib, Spark module, kernel (JUnit, protocol, robustness), the browser test, the output lint, all notebooks
	$(MVN) -f lib/pom.xml package
	$(MVN) -f environment/kernel/pom.xml package
	$(MVN) -f pom.xml -pl spark -am package -Dtest='org.lowrank.spark.*Test' -Dsurefire.failIfNoSpecifiedTests=false
	environment/install-kernel.sh --prefix $(JUPYTER_DIR)
	$(PY) -m pytest -v -p no:cacheprovider environment/tests
	$(PY) environment/lint_notebooks.py $(NOTEBOOKS)
	$(PY) environment/run_notebooks.py --out build/executed --compare-with notebooks $(NOTEBOOKS)
	$(PY) environment/lint_notebooks.py $(addprefix build/executed/,$(notdir $(NOTEBOOKS)))
	@if [ -z "$(JAVA25_HOME)" ]; then echo "*** no Java 25 JDK found (set JAVA25_HOME): kernel NOT tested on Java 25"; \
	else set -e; echo "== kernel suite and notebook 00 on Java 25: $(JAVA25_HOME)"; \
	  LOWRANK_JAVA_HOME=$(JAVA25_HOME) $(PY) -m pytest -v -p no:cacheprovider $(KERNEL_TESTS); \
	  LOWRANK_JAVA_HOME=$(JAVA25_HOME) $(PY) environment/run_notebooks.py --out build/executed-java25 notebooks/00_getting_started.ipynb; fi

notebook: kernel  ## open the classic Jupyter Notebook UI with the Java kernel on notebooks/
	jupyter-notebook --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

install-kernel: kernel  ## register the Java kernel (with the lib) in your own Jupyter (KERNEL_INSTALL=--user|--sys-prefix|--system; BACKEND=cuda)
	environment/install-kernel.sh $(KERNEL_INSTALL) --backend $(BACKEND)

bench: lib  ## benchmarks against numpy / PyTorch (BENCH='rank expand mlp train cnn sweep'); needs the `peers` packages
	@environment/ensure-packages.sh --with peers
	$(MVN) $(MVN_QUIET) -f lib/pom.xml test-compile
	bench/run.sh $(BENCH)

reproduce: $(if $(filter spark,$(ENGINE)),spark,lib)  ## notebooks' sweeps at SCALE=paper|quick (09: medium) into results/ (NOTEBOOKS=06; resumable; ENGINE=spark; REPRODUCE_ARGS='--shard i/n')
	@set -e; for n in $(REPRODUCE_NOTEBOOKS); do \
	  echo "== reproduce notebook $$n, scale $(SCALE), engine $(ENGINE) (nice -n $(REPRODUCE_NICE))"; \
	  LOWRANK_COMMIT="$(REPRODUCE_COMMIT)" \
	  LOWRANK_COMMAND="make reproduce SCALE=$(SCALE) NOTEBOOKS=$$n ENGINE=$(ENGINE) REPRODUCE_ARGS='$(REPRODUCE_ARGS)'" \
	  LOWRANK_NICE=$(REPRODUCE_NICE) OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE \
	  nice -n $(REPRODUCE_NICE) java $(REPRODUCE_JVM) \
	    $(if $(filter spark,$(ENGINE)),$(SPARK_OPENS) -cp "spark/target/lowrank-spark.jar:$$(cat spark/target/classpath.txt)" org.lowrank.spark.SparkReproduce,-cp "lib/target/lowrank.jar:lib/target/dependency/*" org.lowrank.reproduce.Reproduce) \
	    --notebook $$n --scale $(SCALE) $(REPRODUCE_ARGS); \
	done

spark: deps  ## build the Spark module (spark/target/lowrank-spark.jar + classpath.txt) with the lib of this checkout
	$(MVN) $(MVN_QUIET) -f pom.xml -pl spark -am package -DskipTests $(MVN_PROFILE)

clean:  ## remove build outputs
	rm -rf build
	$(MVN) -q -f lib/pom.xml clean
	[ ! -f environment/kernel/pom.xml ] || $(MVN) -q -f environment/kernel/pom.xml clean
	rm -rf spark/target
