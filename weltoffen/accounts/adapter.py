import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context

from django.contrib.sites.shortcuts import get_current_site

from weltoffen.jobs.mailing import queue_message


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's mails (address confirmation, password reset, login codes) leave through
        the queue like every other mail: no request waits for the mail server."""
        request = allauth_context.request
        context = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        queue_message(kind="account", message=self.render_mail(template_prefix, email, context))

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Failed sign-ins count per account *and* address (ACCOUNT_RATE_LIMITS "login_failed"):
        someone guessing from elsewhere cannot lock the owner out everywhere, and every address
        is also limited over all accounts. A password reset clears the count (allauth)."""
        address = hashlib.sha256(self.get_client_ip(request).encode()).hexdigest()[:16]
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{address}"
