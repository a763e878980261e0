#!/bin/sh
# A worker that reports every 5 seconds and exits cleanly on SIGINT (its stopsignal).
n="$1"
trap 'echo "worker $n: stopping"; exit 0' INT TERM
echo "worker $n: started (pid $$)"
while :; do
  echo "worker $n: tick $(date +%H:%M:%S)"
  sleep 5 & wait $!
done
