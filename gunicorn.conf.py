"""gunicorn settings for production (`make serve-production` runs the site this way).

Sized for a small machine: one worker process per core (WEB_CONCURRENCY overrides), each
with a few threads so a slow client or PDF does not block the worker's other requests.
"""

import multiprocessing
import os

from weltoffen.operations.logs import gunicorn_logging

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
# Load the application once in the master, so workers share its memory and start fast.
preload_app = True
# Recycle workers now and then, so a slow leak never grows without bound.
max_requests = 5000
max_requests_jitter = 500
timeout = 60
graceful_timeout = 30
keepalive = 5
# gunicorn's control socket (gunicornc) has one default path per user: a second instance on the
# same machine would take it over from the first. The site does not use it.
control_socket_disable = True
# Access logs are the reverse proxy's job; gunicorn's would carry secret links in paths.
accesslog = None
errorlog = "-"
# gunicorn's own messages as the site's: secret links scrubbed, JSON lines with LOG_FORMAT=json.
logconfig_dict = gunicorn_logging(os.environ.get("LOG_FORMAT", "text"))
