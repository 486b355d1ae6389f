# The entry points a person types. `make demo` and `make test` work on a fresh Debian machine as root.
SHELL := /bin/bash
.DEFAULT_GOAL := help
DOTNET ?= dotnet
CONFIG ?= Release
RESULTS := .work/test-results

.PHONY: help build cli tracer engine images samples test unit demo bench format clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

build: cli tracer ## build bin/slim (and the tracer bundle beside it)

cli:
	@$(DOTNET) publish src/Slim.Cli -c $(CONFIG) -o bin/cli --nologo -v quiet -p:UseAppHost=true >/dev/null
	@printf '#!/bin/sh\nexec "$$(dirname "$$(readlink -f "$$0")")/cli/slim" "$$@"\n' > bin/slim && chmod +x bin/slim
	@echo "built bin/slim"

tracer: ## build the tracer bundle (bin/tracer/) and its host launcher (bin/slim-tracer)
	@mkdir -p .work && CONFIG=$(CONFIG) scripts/tracer-bundle.sh

engine: ## make sure a Docker engine answers (installs and starts one on Debian as root)
	@scripts/engine-up.sh

images: engine ## build the home-made base images (debootstrap, busybox) when missing
	@scripts/base-images.sh >/dev/null

samples: images ## build every sample app's image (cached by its inputs)
	@for d in sample-apps/*/; do scripts/sample-image.sh "$$(basename $$d)" >/dev/null || exit 1; done

test: build images ## run the whole test suite: unit and integration tests against the real engine
	@rm -rf $(RESULTS)
	@$(DOTNET) test Slim.sln -c $(CONFIG) --nologo --logger "trx" --results-directory $(RESULTS) \
		--logger "console;verbosity=normal" ; status=$$?; scripts/test-summary.sh $(RESULTS); exit $$status

unit: ## the fast tests only (no engine)
	@$(DOTNET) test Slim.sln -c $(CONFIG) --nologo --filter "Category!=Integration"

demo: build samples ## build slim and a sample app, and show slim at work
	@echo; echo "== the sample image =="; docker image ls slim-samples/python-flask:latest
	@echo; echo "== bin/slim --help =="; bin/slim --help

format: ## check that the code is dotnet-format clean
	@$(DOTNET) format Slim.sln --verify-no-changes

clean: ## remove build outputs (images cached in the engine stay)
	rm -rf bin .work src/*/bin src/*/obj tests/*/bin tests/*/obj
