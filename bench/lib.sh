# Shared by the bench scripts (source it). Each benchmark owns one section of docs/benchmarks.md, between
# <!-- NAME:begin --> and <!-- NAME:end -->; writing a result replaces that section and leaves the others alone.

# write_section NAME TEXT: puts TEXT into section NAME of docs/benchmarks.md (appended the first time).
write_section() {
  local name=$1 text=$2 doc=docs/benchmarks.md
  [ -f "$doc" ] || printf '# Benchmarks\n\nEach section below was written by the bench script it names, with the exact command.\n' > "$doc"
  if grep -q "<!-- $name:begin -->" "$doc"; then
    awk -v block="$text" -v begin="<!-- $name:begin -->" -v end="<!-- $name:end -->" '
      $0 == begin { print; print block; skip = 1; next }
      $0 == end { skip = 0 }
      !skip { print }' "$doc" > "$doc.tmp" && mv "$doc.tmp" "$doc"
  else
    printf '\n<!-- %s:begin -->\n%s\n<!-- %s:end -->\n' "$name" "$text" "$name" >> "$doc"
  fi
  echo "bench: written to $doc" >&2
}
