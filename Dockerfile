# One image for both services of the distributed stack: the web app (default command) and the
# stream processor (`npm run processor`). chDB's native library is in node_modules (it is a
# dependency for embedded mode), which makes the image large; distributed mode never loads it.
FROM node:20-bookworm-slim
ENV NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund --no-save
COPY . .
RUN npx next build
EXPOSE 3000 9464
CMD ["node", "--max-old-space-size=512", "--import", "tsx", "server.ts"]
