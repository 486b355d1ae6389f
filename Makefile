# The entry points a person types. `make demo` and `make test` work on a fresh Debian machine as root.
SHELL := /bin/bash
.DEFAULT_GOAL := help
DOTNET ?= dotnet
CONFIG ?= Release
RESULTS := .work/test-results

.PHONY: help build cli tracer engine images samples unit test demo bench format clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

build: cli tracer ## build bin/slim (and the tracer bundle beside it)

# NativeAOT (see src/Slim.Cli/Slim.Cli.csproj): one native executable, bin/cli/slim; trim/AOT analysis must be silent.
RID ?= linux-$(shell uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')
cli:
	@mkdir -p .work && $(DOTNET) publish src/Slim.Cli -c $(CONFIG) -r $(RID) -o .work/cli-publish --nologo -v quiet \
		>.work/cli-publish.log 2>&1 || { cat .work/cli-publish.log >&2; echo "cli: dotnet publish failed" >&2; exit 1; }
	@if grep -E "warning (IL|CA)[0-9]+" .work/cli-publish.log >&2; then echo "cli: the publish has warnings" >&2; exit 1; fi
	@rm -rf bin/cli.new && mkdir -p bin/cli.new && cp .work/cli-publish/slim bin/cli.new/slim && rm -rf bin/cli && mv bin/cli.new bin/cli
	@printf '#!/bin/sh\nexec "$$(dirname "$$(readlink -f "$$0")")/cli/slim" "$$@"\n' > bin/slim && chmod +x bin/slim
	@echo "built bin/slim"

tracer: ## build the tracer bundle (bin/tracer/) and its host launcher (bin/slim-tracer)
	@mkdir -p .work && CONFIG=$(CONFIG) scripts/tracer-bundle.sh

engine: ## make sure a Docker engine answers (installs and starts one on Debian as root)
	@scripts/engine-up.sh

images: engine ## build the home-made base images (debootstrap, busybox) when missing
	@scripts/base-images.sh >/dev/null

samples: images ## build every sample app's image (cached by its inputs)
	@for d in sample-apps/*/Dockerfile; do scripts/sample-image.sh "$$(basename $$(dirname $$d))" >/dev/null || exit 1; done

# Engine-free tests: everything not marked [Integration]. SLIM_UNIT_ONLY=1 makes any test that reaches the engine,
# bin/slim or the tracer bundle fail at once with "mark the test class [Integration]" rather than start an engine.
UNIT_FILTER := Category!=Integration
INTEGRATION_FILTER := Category=Integration
TEST_RUN = $(DOTNET) test Slim.sln -c $(CONFIG) --nologo -m:1 --logger "trx" --logger "console;verbosity=normal"

unit: ## run every engine-free test (no engine, no bin/slim needed)
	@rm -rf $(RESULTS)
	@SLIM_UNIT_ONLY=1 $(TEST_RUN) --filter "$(UNIT_FILTER)" --results-directory $(RESULTS)/unit ; \
		status=$$?; scripts/test-summary.sh $(RESULTS); exit $$status

test: build images ## run the whole test suite: unit tests first, then integration tests against the real engine
	@rm -rf $(RESULTS)
	@# One test assembly at a time (-m:1): they share one engine and two cores, and time out less that way.
	@SLIM_UNIT_ONLY=1 $(TEST_RUN) --filter "$(UNIT_FILTER)" --results-directory $(RESULTS)/unit ; unit=$$?; \
		$(TEST_RUN) --no-build --filter "$(INTEGRATION_FILTER)" --results-directory $(RESULTS)/integration ; integration=$$?; \
		scripts/test-summary.sh $(RESULTS); [ $$unit = 0 ] && [ $$integration = 0 ]

DEMO ?= nginx-static
demo: build images ## build slim and a sample app, slim it, and prove the slim image works
	@image=$$(scripts/sample-image.sh $(DEMO)) && mkdir -p .work/demo && cd .work/demo && \
	mapfile -t extra < <(grep -v -e '^#' -e '^$$' ../../sample-apps/$(DEMO)/slim-build.args 2>/dev/null) ; \
	echo && echo "== slim build --target $$image ==" && \
	../../bin/slim build --target $$image --tag slim-samples/$(DEMO).slim:demo $${extra[@]+"$${extra[@]}"} && \
	echo && echo "== the sample's own check, against the slim image under its seccomp profile ==" && \
	bash ../../sample-apps/$(DEMO)/check.sh slim-samples/$(DEMO).slim:demo --security-opt seccomp=$$PWD/$(DEMO).slim-demo-seccomp.json && \
	echo && docker image ls --format 'table {{.Repository}}:{{.Tag}}\t{{.Size}}' | grep -E "REPOSITORY|slim-samples/$(DEMO)(\.slim)?:(latest|demo)"

format: ## check that the code is dotnet-format clean
	@$(DOTNET) format Slim.sln --verify-no-changes

clean: ## remove build outputs (images cached in the engine stay)
	rm -rf bin .work src/*/bin src/*/obj tests/*/bin tests/*/obj

bench: build images ## print the benchmarks: slim build per sample, tracer overhead, image copy, xray
	@bench/build.sh
	@bench/tracer.sh
	@bench/images.sh
	@bench/xray.sh
	@bench/output.sh
	@bench/listed-dirs.sh
