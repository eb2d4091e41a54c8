#!/usr/bin/env bash
# The newcomer's path, checked (docs/getting-started.md): pack the packages into a local folder; outside the
# solution, install the cityrisk tool from that folder, register a partner, run a hub; create a fresh console
# project that references CityRisk.Sdk from the folder, with the ten-line program of the guide as its Program.cs;
# run it against the hub and check it published and received the alert.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
hub_pid=
cleanup() {
  if [ -n "$hub_pid" ]; then kill "$hub_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== pack"
dotnet pack "$root/CityRisk.Sdk.sln" -c Release -o "$work/packages" --nologo -v quiet
version=0.1.0-preview
for package in CityRisk.Abstractions CityRisk.Protocol CityRisk.Storage CityRisk.Sdk CityRisk.Server CityRisk.Cli; do
  nupkg="$work/packages/$package.$version.nupkg"
  [ -f "$nupkg" ] || { echo "missing $nupkg"; exit 1; }
  contents=$(unzip -l "$nupkg")
  grep -q " README.md$" <<<"$contents" || { echo "$package has no README.md"; exit 1; }
  if [ "$package" != CityRisk.Cli ]; then
    grep -q "lib/net10.0/$package.xml$" <<<"$contents" || { echo "$package has no XML docs"; exit 1; }
  fi
  echo "$package $version: README and docs present"
done

echo "== the tool, from the folder"
dotnet tool install CityRisk.Cli --version "$version" --add-source "$work/packages" --tool-path "$work/tool" >/dev/null
cityrisk="$work/tool/cityrisk"
token=$("$cityrisk" partners add "$work/partners.json" --id foshan-em --role city --cap-sender alerts@foshan-em.example.cn | sed -n 's/^token: //p')
"$cityrisk" serve --partners "$work/partners.json" --store memory --urls http://127.0.0.1:0 >"$work/hub.log" 2>&1 &
hub_pid=$!
for _ in $(seq 1 100); do
  endpoint=$(sed -n 's/^cityrisk hub listening on //p' "$work/hub.log" | head -n 1)
  [ -n "$endpoint" ] && break
  sleep 0.2
done
[ -n "$endpoint" ] || { echo "the hub did not start:"; cat "$work/hub.log"; exit 1; }
echo "hub at $endpoint"

echo "== a fresh console project referencing CityRisk.Sdk from the folder"
mkdir "$work/app"
cat >"$work/app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$work/packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
cat >"$work/app/FirstAlert.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="CityRisk.Sdk" Version="$version" />
  </ItemGroup>
</Project>
XML
# Program.cs is the guide's block, verbatim.
awk '/<!-- newcomer-program -->/ {found=1; next} found && /^```csharp/ {inside=1; next} inside && /^```/ {exit} inside {print}' \
  "$root/docs/getting-started.md" >"$work/app/Program.cs"
lines=$(grep -c . "$work/app/Program.cs")
echo "Program.cs: $lines non-empty lines"
output=$(cd "$work/app" && dotnet run -c Release -- "$endpoint" "$token" "$root/samples/alerts/foshan-typhoon.xml")
echo "$output"
grep -q "^published FS-EM-2026-TY-0917-01 at cursor 1$" <<<"$output"
grep -q "^received FS-EM-2026-TY-0917-01 from foshan-em: " <<<"$output"

echo "== a fresh test project referencing only CityRisk.Testing: no ASP.NET Core, SQLite or NetTopologySuite"
mkdir "$work/kit"
cp "$work/app/nuget.config" "$work/kit/nuget.config"
cat >"$work/kit/KitOnly.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="CityRisk.Testing" Version="$version" />
  </ItemGroup>
</Project>
XML
(cd "$work/kit" && dotnet restore --nologo -v quiet >/dev/null)
assets="$work/kit/obj/project.assets.json"
for unwanted in Microsoft.AspNetCore.App Microsoft.Data.Sqlite SQLitePCLRaw NetTopologySuite CityRisk.Server; do
  if grep -q "\"$unwanted" "$assets"; then
    echo "a project referencing only CityRisk.Testing gets $unwanted ($assets)"
    exit 1
  fi
done
echo "CityRisk.Testing alone brings none of them"
echo "newcomer check: passed"
