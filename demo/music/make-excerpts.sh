#!/usr/bin/env bash
# Rebuilds the demo catalog: one 35 s excerpt per track of Max McCracken's
# "Singularity" soundtrack (CC BY-SA 3.0), sorted into emotion folders, plus
# catalog.json and COPYRIGHT. Why each track sits where it does: README.md.
#
#   demo/music/make-excerpts.sh                         # sources in ../shared/music/singularity
#   MUSIC_SRC=/path/to/singularity demo/music/make-excerpts.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
src="${MUSIC_SRC:-$root/../shared/music/singularity}"

length=35
fade_in=1.5
fade_out=2

# emotion  source file  start (s)  gain (dB). Starts come from `node measure.mjs --pick-start 35 <source>`;
# the gain keeps Enemy Unknown below full scale once its DC offset is removed (the source clips one-sidedly).
tracks="
angry    Advanced_Simulacra.ogg 160  0
angry    Deprecation.ogg        145  0
disgust  By-Product.ogg         66   0
disgust  Nebula.ogg             228  0
fear     A_New_Journey.ogg      132  0
fear     Enemy_Unknown.ogg      39   -1.5
happy    Aberrations.ogg        112  0
happy    Media_Threat.ogg       180  0
happy    Through_Space.ogg      68   0
sad      Awakening.ogg          41   0
sad      March_Thee_to_Dis.ogg  6    0
surprise Apex_Aleph.ogg         26   0
surprise Coherence.ogg          84   0
neutral  Chimes_They_Fade.ogg   6    0
neutral  Inevitable.ogg         144  0
neutral  Orbital_Elevator.ogg   92   0
"

rm -f "$here"/*/*.ogg
rows=""
while read -r emotion source start gain; do
  [ -n "$emotion" ] || continue
  title="${source%.ogg}"
  title="${title//_/ }"
  slug="$(echo "$title" | tr '[:upper:] ' '[:lower:]-')"
  mkdir -p "$here/$emotion"
  # highpass=15: Enemy Unknown carries a large DC offset that would click at the cut;
  # stereo Vorbis q0 (~55 kbit/s) keeps the whole catalog near 4 MB; bitexact fixes the Ogg
  # serial number, so a rebuild with the same ffmpeg reproduces the files byte for byte.
  ffmpeg -nostdin -v error -y -ss "$start" -t "$length" -i "$src/$source" \
    -af "highpass=f=15,volume=${gain}dB,afade=t=in:d=$fade_in,afade=t=out:st=$((length - fade_out)):d=$fade_out" \
    -ac 2 -ar 44100 -c:a libvorbis -q:a 0 -fflags +bitexact \
    -map_metadata -1 -metadata title="$title" -metadata artist="Max McCracken" \
    -metadata album="Singularity" -metadata license="CC BY-SA 3.0" \
    -metadata comment="Excerpt ${start}s+${length}s of $source; see COPYRIGHT" \
    "$here/$emotion/$slug.ogg"
  rows+="$emotion/$slug.ogg"$'\t'"$title"$'\t'"$source"$'\t'"$start"$'\n'
done <<<"$tracks"

# JSON through node rather than printf, so quoting is never hand-rolled.
printf '%s' "$rows" | node -e '
  const rows = require("fs").readFileSync(0, "utf8").trim().split("\n").map((row) => row.split("\t"));
  const entries = rows.map(([file, title, source, start]) => ({
    file,
    title,
    artist: "Max McCracken",
    album: "Singularity",
    licence: "CC BY-SA 3.0",
    attribution: `"${title}" by Max McCracken, CC BY-SA 3.0, excerpt`,
    source,
    excerpt: { startSec: Number(start), durationSec: Number(process.argv[1]) },
  }));
  process.stdout.write(JSON.stringify(entries, null, 2) + "\n");
' "$length" >"$here/catalog.json"

cp "$src/COPYRIGHT" "$here/COPYRIGHT"
# catalog.json was just rewritten without the analysed descriptors: put them back.
echo "now run: npm run -s attune -- catalog analyze --dir demo/music --update-catalog" >&2
du -sh "$here"
