# editcheck serve in a container: the HTTP service for CMS hooks and the review page.
#
#   docker build -t editcheck .
#   docker run --rm -p 127.0.0.1:8750:8750 -e EDITCHECK_TOKEN=... editcheck
#   docker run --rm -p 8750:8750 -e EDITCHECK_TOKEN=... \
#     -v "$PWD/editcheck.toml:/srv/editcheck/editcheck.toml:ro" \
#     editcheck --allow-host editcheck.internal --workers 2
#
# The server binds 0.0.0.0 inside the container and answers only the Host names it is
# given (--allow-host, repeatable or comma-separated; 421 for any other name, against DNS
# rebinding). "localhost" is always allowed, for the health check; the default command
# adds 127.0.0.1 for a port published on the host's loopback. Arguments after the image
# name replace the default command and are added to `editcheck serve --host 0.0.0.0
# --port 8750 --allow-host localhost`. The config is /srv/editcheck/editcheck.toml when
# mounted there (the working folder, searched as `editcheck check` searches), or --config.

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip wheel --no-cache-dir --wheel-dir /wheels ".[serve]"

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index --find-links /wheels "editcheck[serve]" \
    && rm -rf /wheels \
    && useradd --system --uid 10001 --user-group --home-dir /srv/editcheck --create-home editcheck
USER 10001:10001
WORKDIR /srv/editcheck
EXPOSE 8750
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://localhost:8750/healthz', timeout=4).status != 200)"]
ENTRYPOINT ["editcheck", "serve", "--host", "0.0.0.0", "--port", "8750", "--allow-host", "localhost"]
CMD ["--allow-host", "127.0.0.1"]
