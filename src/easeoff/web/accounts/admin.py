from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from easeoff.web.accounts.models import User


@admin.register(User)
class EaseoffUserAdmin(UserAdmin):
    list_display = ("username", "email", "role", "is_active", "is_staff")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = (*UserAdmin.fieldsets, ("easeoff", {"fields": ("role",)}))
