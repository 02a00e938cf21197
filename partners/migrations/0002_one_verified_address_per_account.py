"""Every account gets its one e-mail address as allauth's verified primary one.

Accounts exist by invitation (the address received the link) or were made by
functioneel beheer or the demo loader; addresses are not self-service any
more. Other addresses added on the old self-service page are removed: they
could be used to log in.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    User = apps.get_model("partners", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for user in User.objects.all().iterator():
        EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).delete()
        address = EmailAddress.objects.filter(user=user).first()
        if address is None:
            EmailAddress.objects.create(
                user=user, email=user.email, primary=True, verified=True
            )
        else:
            address.email = user.email
            address.primary = True
            address.verified = True
            address.save()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
