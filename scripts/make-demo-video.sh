#!/usr/bin/env bash
# Makes the bundled demo stream (Antonio.Web/Media/demo): 8 seconds of a test pattern with a tone and a
# running clock, as HLS in two renditions (360p, 180p) with a master playlist. The local video origin
# (Antonio:Video:LocalOrigin, on in Development and tests) plays it for every seeded lesson, so the demo
# site plays video on a machine with no network. The output is committed (~0.5 MB); run this only to
# change it. Installs Debian's ffmpeg when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v ffmpeg >/dev/null; then
  sudo_=$([ "$(id -u)" = 0 ] || echo sudo)
  $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null
fi
out=Antonio.Web/Media/demo
rm -rf "$out" && mkdir -p "$out"
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc2=size=640x360:rate=25:duration=8" \
  -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=8" \
  -filter_complex "[0:v]split=2[a][b];[b]scale=320:180[b2]" \
  -map "[a]" -map 1:a -map "[b2]" -map 1:a \
  -c:v libx264 -profile:v main -preset veryfast -g 50 -keyint_min 50 -sc_threshold 0 -pix_fmt yuv420p \
  -b:v:0 600k -b:v:1 200k -c:a aac -b:a 64k -ac 1 \
  -f hls -hls_time 2 -hls_playlist_type vod -hls_segment_filename "$out/%v-%d.ts" \
  -master_pl_name index.m3u8 -var_stream_map "v:0,a:0,name:360p v:1,a:1,name:180p" "$out/%v.m3u8"
du -sh "$out"
