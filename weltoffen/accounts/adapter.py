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
