#!/usr/bin/env bash
# The size of core's public API, read from its compiled classes (build them first: ./mvnw -B -q -pl core compile):
#   bash .ci/public-api-size.sh
# Counts public top-level types, public types including nested ones (a nested type counts when every type around it
# is public too), and the public methods+constructors and fields (enum constants included) of those types, as
# `javap -public` lists them; in brackets, how much of that is in io.releaseledger.internal (public for core's own
# packages, not for hosts). docs/architecture.md, "Public API of core", quotes the figures.
set -euo pipefail
cd "$(dirname "$0")/../core/target/classes" && find . -name '*.class' ! -name package-info.class | sort | xargs javap -public | awk '
  /^Compiled from/ || /^}/ {next}
  /^[^ ]/ { for (i=1;i<=NF;i++) if ($i=="class"||$i=="interface") { n=$(i+1); sub(/<.*/,"",n); break }
            pub[n]=($1=="public"); cur=n; next }
  /\(/ { m[cur]++; next }
  /;$/ { f[cur]++ }
  END { for (c in pub) { ok=1; s=c; while (1) { if (!pub[s]) ok=0; if (s !~ /\$/) break; sub(/\$[^$]*$/,"",s) }
          if (!ok || c ~ /\$[0-9]/) continue; all++; if (c !~ /\$/) top++; meth+=m[c]; fld+=f[c]
          if (c ~ /\.internal\./) { iall++; if (c !~ /\$/) itop++; imeth+=m[c] } }
        printf "public top-level types %d, incl. nested %d, public methods+constructors %d, public fields %d (in io.releaseledger.internal: %d, %d, %d)\n", top, all, meth, fld, itop, iall, imeth }'
