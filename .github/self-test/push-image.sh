#!/usr/bin/env bash
# Pushes a small OCI image to a registry over the Distribution API, with curl alone, as a build tool would: a layer
# (an uncompressed tar of one file, so its digest is its diff_id), a config and a manifest for each platform and, for
# more than one platform, an index that names them. Prints the top-level digest (the index's, or the manifest's).
#
#   push-image.sh HOST[:PORT]/REPOSITORY:TAG [--platform OS/ARCH[/VARIANT]]... [--user USER] [--label KEY=VALUE]...
#                 [--created RFC3339]
#
# Anonymous and plain HTTP: made for a throwaway registry on localhost (the self-test's service container).
set -euo pipefail

usage() { echo "usage: $0 HOST/REPOSITORY:TAG [--platform os/arch[/variant]]... [--user U] [--label K=V]... [--created T]" >&2; exit 2; }
[ $# -ge 1 ] || usage
ref=$1; shift
platforms=(); user=''; labels='{}'; created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || usage
  case $1 in
    --platform) platforms+=("$2") ;;
    --user) user=$2 ;;
    --label) labels=$(jq -c --arg kv "$2" '. + {($kv | split("=")[0]): ($kv | split("=")[1:] | join("="))}' <<<"$labels") ;;
    --created) created=$2 ;;
    *) usage ;;
  esac
  shift 2
done
[ ${#platforms[@]} -gt 0 ] || platforms=(linux/amd64)
case $ref in */*:*) ;; *) usage ;; esac
host=${ref%%/*}; rest=${ref#*/}; repo=${rest%:*}; tag=${rest##*:}
base="http://$host/v2/$repo"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

digest_of() { echo "sha256:$(sha256sum "$1" | cut -d' ' -f1)"; }

# put_blob FILE: uploads FILE unless the registry has it; prints its digest.
put_blob() {
  local d loc sep
  d=$(digest_of "$1")
  if ! curl -fsS -o /dev/null -I "$base/blobs/$d" 2>/dev/null; then
    loc=$(curl -fsS -X POST -D - -o /dev/null "$base/blobs/uploads/" | tr -d '\r' | awk 'tolower($1) == "location:" { print $2 }')
    [ -n "$loc" ] || { echo "push-image: $host gave no upload location" >&2; exit 1; }
    case $loc in http://* | https://*) ;; *) loc="http://$host$loc" ;; esac
    sep='?'; case $loc in *\?*) sep='&' ;; esac
    curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' --data-binary @"$1" "$loc${sep}digest=$d"
  fi
  echo "$d"
}

# put_manifest FILE MEDIA-TYPE REFERENCE: prints the manifest's digest.
put_manifest() {
  curl -fsS -o /dev/null -X PUT -H "Content-Type: $2" --data-binary @"$1" "$base/manifests/$3"
  digest_of "$1"
}

entries='[]'
for p in "${platforms[@]}"; do
  IFS=/ read -r os arch variant <<<"$p"
  dir="$work/$os-$arch-${variant:-}"
  mkdir -p "$dir/root"
  printf '%s %s %s\n' "$ref" "$p" "$created" > "$dir/root/image.txt"
  tar -C "$dir/root" --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "$dir/layer.tar" image.txt
  layer=$(put_blob "$dir/layer.tar")
  jq -cn --arg created "$created" --arg os "$os" --arg arch "$arch" --arg variant "${variant:-}" --arg user "$user" \
    --argjson labels "$labels" --arg layer "$layer" \
    '{created: $created, os: $os, architecture: $arch} + (if $variant == "" then {} else {variant: $variant} end)
     + {config: {User: $user, Labels: $labels}, rootfs: {type: "layers", diff_ids: [$layer]}}' > "$dir/config.json"
  config=$(put_blob "$dir/config.json")
  jq -cn --arg config "$config" --argjson csize "$(stat -c %s "$dir/config.json")" \
    --arg layer "$layer" --argjson lsize "$(stat -c %s "$dir/layer.tar")" \
    '{schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $config, size: $csize},
      layers: [{mediaType: "application/vnd.oci.image.layer.v1.tar", digest: $layer, size: $lsize}]}' > "$dir/manifest.json"
  if [ ${#platforms[@]} -eq 1 ]; then
    put_manifest "$dir/manifest.json" application/vnd.oci.image.manifest.v1+json "$tag"
    exit 0
  fi
  digest=$(put_manifest "$dir/manifest.json" application/vnd.oci.image.manifest.v1+json "$(digest_of "$dir/manifest.json")")
  entries=$(jq -c --arg d "$digest" --argjson size "$(stat -c %s "$dir/manifest.json")" --arg os "$os" --arg arch "$arch" \
    --arg variant "${variant:-}" \
    '. + [{mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $d, size: $size,
           platform: ({os: $os, architecture: $arch} + (if $variant == "" then {} else {variant: $variant} end))}]' <<<"$entries")
done
jq -cn --argjson m "$entries" '{schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: $m}' > "$work/index.json"
put_manifest "$work/index.json" application/vnd.oci.image.index.v1+json "$tag"
