# Vigía sin interfaz gráfica: binario estático (CGO_ENABLED=0, -tags nogui).
# La compilación es la misma orden que ejecuta .ci/run.

FROM golang:1.26 AS build
WORKDIR /src
# earlyenv/ is a module of its own that go.mod replaces with that folder.
COPY go.mod go.sum ./
COPY earlyenv ./earlyenv
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -tags nogui -trimpath -ldflags="-s -w" -o /out/vigia . \
 && mkdir -p /out/data

# distroless/static trae certificados de CA y datos de zonas horarias, y un
# usuario sin privilegios (nonroot, uid 65532).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/vigia /vigia
COPY --from=build --chown=65532:65532 /out/data /app/data
WORKDIR /app
USER nonroot:nonroot
ENV DB_PATH=/app/data/facturacion.db \
    VIGIA_ADDR=0.0.0.0:5000
VOLUME ["/app/data"]
EXPOSE 5000
# Escuchar fuera del contenedor exige --allow-remote y un token propio:
# defina VIGIA_API_TOKEN (docker run -e VIGIA_API_TOKEN=... o docker-compose.yml).
CMD ["/vigia", "--headless", "--addr", "0.0.0.0:5000", "--allow-remote"]
