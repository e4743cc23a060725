using System.Globalization;
using ApiManager.Admin.Components.Controls;
using ApiManager.Admin.Model;
using ApiManager.Gateway.Apis.Diversion;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ApiManager.Admin.Components.Pages.Apis;

/// <summary>Shows and (for Administrators) edits an API's IP diversion rules, saved as one list.</summary>
public sealed partial class ApiDiversionSection : ConsolePageBase
{
    private readonly FieldErrors _errors = new();
    private List<DiversionRow>? _rows;
    private bool _dirty;
    private bool _saving;
    private string? _error;

    [Parameter]
    public int ApiId { get; set; }

    [Inject]
    internal ApiDiversionService Service { get; init; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            _rows = [.. (await Service.ListAsync(ApiId, PageToken)).Select(r => new DiversionRow { Source = r.Source, TargetUrl = r.TargetUrl })];
        }
        catch (EntityNotFoundException e)
        {
            _error = e.Message;
        }
    }

    private static string Field(int index, string name) => "rules[" + index.ToString(CultureInfo.InvariantCulture) + "]." + name;

    private void Change(Action apply)
    {
        apply();
        _dirty = true;
    }

    private void AddRow()
    {
        _rows?.Add(new DiversionRow());
        _dirty = true;
    }

    private void Remove(int index)
    {
        _rows?.RemoveAt(index);
        _errors.Clear();
        _dirty = true;
    }

    private void Move(int index, int offset)
    {
        if (_rows is null || index + offset < 0 || index + offset >= _rows.Count)
        {
            return;
        }

        (_rows[index], _rows[index + offset]) = (_rows[index + offset], _rows[index]);
        _errors.Clear();
        _dirty = true;
    }

    private async Task SaveAsync()
    {
        if (_rows is null)
        {
            return;
        }

        _saving = true;
        _error = null;
        try
        {
            var saved = await Service.ReplaceAsync(ApiId, [.. _rows.Select(r => new ApiDiversionRule(r.Source, r.TargetUrl))], CurrentUser.Actor, PageToken);
            _rows = [.. saved.Select(r => new DiversionRow { Source = r.Source, TargetUrl = r.TargetUrl })];
            _errors.Clear();
            _dirty = false;
            Snackbar.Add("IP diversion rules saved.", Severity.Success);
        }
        catch (ServiceValidationException e)
        {
            _errors.Set(e.Errors);
            var others = _errors.Others(Enumerable.Range(0, _rows.Count).SelectMany(i => new[] { Field(i, "source"), Field(i, "targetUrl") }));
            _error = others.Count > 0 ? string.Join(" ", others) : "Some rules are invalid; see the marked fields.";
        }
        catch (Exception e) when (e is EntityConflictException or EntityNotFoundException)
        {
            _error = e.Message;
        }
        finally
        {
            _saving = false;
        }
    }

    private sealed class DiversionRow
    {
        public string? Source { get; set; }

        public string? TargetUrl { get; set; }
    }
}
