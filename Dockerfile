FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

# WeasyPrint's system libraries, fonts for the PDFs, gettext for the catalogues.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libfontconfig1 \
        fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock .
RUN pip install --require-hashes -r requirements.lock

COPY . .
RUN SECRET_KEY=build DATABASE_URL=sqlite:////tmp/build.sqlite3 ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput --verbosity 0

RUN useradd --system --home /app buurtaanpak && mkdir -p /data/media \
    && chown buurtaanpak /data/media
USER buurtaanpak
EXPOSE 8000
CMD ["gunicorn", "buurtaanpak.wsgi:application", "--bind", "0.0.0.0:8000"]
