"""The optional model extractor, against a fake OpenAI-compatible server with recorded answers."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefgen.cli import cli, main
from briefgen.config import LanguageModel
from briefgen.extract import ArticleInfo, extract_article
from briefgen.extract.llm import SCHEMA, LLMExtractor, ModelError
from briefgen.validate import validate_text

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "extract" / "llm"
ARTICLE = (HERE / "article.txt").read_text(encoding="utf-8")
ANSWER = (HERE / "answer.json").read_text(encoding="utf-8")


class _FakeServer:
    """A chat-completions endpoint on 127.0.0.1 that replays one recorded answer."""

    def __init__(self, content: str) -> None:
        self.requests: list[dict[str, Any]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                owner.requests.append(
                    {"path": self.path, "body": json.loads(self.rfile.read(length))}
                )
                reply = {"choices": [{"message": {"role": "assistant", "content": content}}]}
                data = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> _FakeServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def server() -> Iterator[_FakeServer]:
    with _FakeServer(ANSWER) as fake:
        yield fake


def _settings(endpoint: str) -> LanguageModel:
    return LanguageModel(enabled=True, endpoint=endpoint, model="test-model", timeout=5)


def _extract(endpoint: str) -> Any:
    info = ArticleInfo("s", published=dt.date(2025, 3, 14))
    return extract_article(ARTICLE, "text", info, extractor=LLMExtractor(_settings(endpoint)))[1]


def test_request_asks_for_schema_constrained_deterministic_json(server: _FakeServer) -> None:
    _extract(server.endpoint)
    request = server.requests[0]
    assert request["path"] == "/v1/chat/completions"
    body = request["body"]
    assert body["model"] == "test-model"
    assert body["temperature"] == 0
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["schema"] == SCHEMA
    assert body["response_format"]["json_schema"]["strict"] is True
    assert "[1] Colonel Ilse Brandt said on Monday" in body["messages"][1]["content"]


def test_model_items_pass_the_same_checks_as_the_rules(server: _FakeServer) -> None:
    found = _extract(server.endpoint)
    assert [(p.actor, p.quote) for p in found.positions] == [
        ("brandt", "will hold until spring"),
        ("brandt", None),
    ]
    assert [(f.actor, f.strength.as_stated, f.location) for f in found.forces] == [
        ("denmark", "some 400 troops", "Tapa")
    ]
    assert found.casualties == ["Nine Estonian soldiers"]
    assert [q.question for q in found.open_questions] == [
        "Will the convoy reach Tartu before the snow?"
    ]
    reasons = [r.reason for r in found.rejected]
    assert any("not verbatim" in r for r in reasons)
    assert any("is not named in its sentence" in r for r in reasons)
    assert any("sentence 9, which does not exist" in r for r in reasons)
    assert any("casualty figure" in r for r in reasons)
    for item in [*found.positions, *found.forces, *found.open_questions]:
        start, end = item.extracted.span
        assert ARTICLE[start:end] and ARTICLE[start:end] in item.extracted.sentence


def test_command_uses_the_model_set_in_briefgen_toml(server: _FakeServer, tmp_path: Path) -> None:
    (tmp_path / "briefgen.toml").write_text(
        f'[extract.llm]\nenabled = true\nendpoint = "{server.endpoint}"\nmodel = "test-model"\n',
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    result = CliRunner().invoke(
        cli, ["extract", str(article), "--published", "2025-03-14", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert len(server.requests) == 1
    text = out.read_text(encoding="utf-8")
    assert "will hold until spring" in text
    assert "brandt" in validate_text(text, str(out)).brief.actors
    rules = CliRunner().invoke(
        cli, ["extract", str(article), "--engine", "rules", "-o", str(tmp_path / "r.yaml")]
    )
    assert rules.exit_code == 0 and len(server.requests) == 1


def test_off_by_default_no_request_is_made(tmp_path: Path) -> None:
    assert LanguageModel().enabled is False
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article), "-o", str(tmp_path / "d.yaml")])
    assert result.exit_code == 0, result.output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_endpoint_is_a_clear_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    endpoint = f"http://127.0.0.1:{_free_port()}/v1"
    (tmp_path / "briefgen.toml").write_text(
        f'[extract.llm]\nenabled = true\nendpoint = "{endpoint}"\nmodel = "m"\n', encoding="utf-8"
    )
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        main(["extract", str(article), "-o", str(tmp_path / "d.yaml")])
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert f"extract.llm.endpoint '{endpoint}' is unreachable" in err
    assert "set extract.llm.enabled = false" in err
    assert "Traceback" not in err
    assert not (tmp_path / "d.yaml").exists()


def test_an_answer_that_is_not_json_is_a_clear_error() -> None:
    with _FakeServer("not json at all") as fake, pytest.raises(ModelError, match="not JSON"):
        _extract(fake.endpoint)
