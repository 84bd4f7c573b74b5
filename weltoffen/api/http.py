"""HTTP behaviour of the open API: conditional GET (ETag and Last-Modified), caching
headers and CORS for GET, in one place for every endpoint."""

import hashlib
from functools import wraps

from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

API_PREFIX = "/api/v1/"
MAX_AGE = 300


def conditional(last_modified=None):
    """Answer 304 when the client's ETag or date still matches; `last_modified(request)`
    returns the newest change of the data behind the endpoint, or None."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if not isinstance(response, HttpResponse) or response.status_code != 200:
                return response
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            moment = last_modified(request) if last_modified else None
            timestamp = int(moment.timestamp()) if moment else None
            response["ETag"] = etag
            if timestamp:
                response["Last-Modified"] = http_date(timestamp)
            response["Cache-Control"] = f"public, max-age={MAX_AGE}"
            return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)

        return wrapped

    return decorate


class CorsForReadingMiddleware:
    """Anyone may read the API from a browser on another site: GET, HEAD and their preflight."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        response = HttpResponse(status=204) if request.method == "OPTIONS" else self.get_response(request)
        if request.method in ("GET", "HEAD", "OPTIONS"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
        return response
