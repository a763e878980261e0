# The smallest Flask app that shows which backend answered: nginx balances over the pool, and the
# tests (and you, with curl) can see both members and tell a respawned master from the old one.
import os
import time

from flask import Flask

app = Flask(__name__)
INSTANCE = os.environ.get("APP_INSTANCE", "?")


@app.route("/")
def hello():
    return f"app {INSTANCE} pid {os.getpid()} master {os.getppid()}\n"


@app.route("/slow")
def slow():
    # A request that is still in flight when a stop signal arrives: a graceful stop answers it.
    print(f"app {INSTANCE} pid {os.getpid()}: slow request started", flush=True)
    time.sleep(float(os.environ.get("APP_SLOW_SECONDS", "1")))
    return f"app {INSTANCE} pid {os.getpid()} slow\n"
