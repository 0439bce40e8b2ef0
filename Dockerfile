# ecotalent against an external PostgreSQL with pgvector:
#   docker build -t ecotalent .
#   docker run -p 8000:8000 -e DATABASE_URL=postgresql://user:pass@db:5432/ecotalent \
#              -e ECOTALENT_SECRET_KEY=$(openssl rand -hex 32) ecotalent
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY service ./service
COPY models ./models
COPY seeds ./seeds
# torch comes in through sentence-transformers; pass a CPU build's spec here to keep the image small
# (the default resolves to whatever the package index serves, CUDA builds included).
ARG TORCH_SPEC=torch
RUN pip install --no-cache-dir "$TORCH_SPEC" && pip install --no-cache-dir .
ENV HF_HUB_OFFLINE=1
RUN useradd --create-home ecotalent
USER ecotalent
EXPOSE 8000
# Migrations run at start-up; without DATABASE_URL the service would start an embedded database
# inside the container, which is for laptops, not deployments.
CMD ["ecotalent", "serve", "--host", "0.0.0.0", "--port", "8000"]
