# `make` runs lint and the tests, like CI's first stage. The README's two commands need no make.
.PHONY: all lint test test-postgres format ci docs

all: lint test

lint:
	./run lint

test:
	./run test

test-postgres:
	DATABASE_URL=postgresql://postgres@127.0.0.1:5432/easeoff_dev EASEOFF_EXPECT_DB=postgresql ./run test

format:
	.venv/bin/ruff format src tests bench
	.venv/bin/ruff check --fix src tests bench

ci:
	bash .ci/run

docs:
	.venv/bin/python -c "from easeoff.domain.safety import render_rules_markdown as r; open('docs/safety-rules.md', 'w').write(r())"
